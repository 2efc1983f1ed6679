import { notarisationApplication } from './support/fixtures';
import { residentId, withWrongCheckDigit } from './support/resident-id';
import { startApi, type ApiHandle } from './support/harness';

describe('probe', () => {
  let api: ApiHandle;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });
  it('probes', async () => {
    const clerk = { role: 'clerk', actorId: 'clerk-w330902-01' };
    const base = `${await api.app.getUrl()}/api/v1`;
    const raw = async (method: string, path: string, body: string, headers: Record<string, string> = {}) => {
      const r = await fetch(base + path, { method, body, headers: { 'content-type': 'application/json', 'x-actor-role': 'clerk', 'x-actor-id': 'c1', ...headers } });
      return [r.status, await r.text()];
    };
    const out: unknown[] = [];
    out.push(['notjson', await raw('POST', '/applications', '{"itemCode":')]);
    out.push(['null', await raw('POST', '/applications', 'null')]);
    out.push(['array', await raw('POST', '/applications', '[]')]);
    out.push(['string', await raw('POST', '/applications', '"x"')]);
    out.push(['number', await raw('POST', '/applications', '42')]);
    out.push(['empty', await raw('POST', '/applications', '')]);
    out.push(['textplain', await raw('POST', '/applications', JSON.stringify(notarisationApplication(50)), { 'content-type': 'text/plain' })]);
    out.push(['big', await raw('POST', '/applications', JSON.stringify({ ...notarisationApplication(51), pad: 'x'.repeat(300000) }))]);
    const a = notarisationApplication(52);
    out.push(['applicant missing', await api.call('POST', '/applications', { ...clerk, body: { ...a, applicant: undefined } })]);
    out.push(['applicant null', await api.call('POST', '/applications', { ...clerk, body: { ...a, applicant: null } })]);
    out.push(['materials null', await api.call('POST', '/applications', { ...clerk, body: { ...a, materials: null } })]);
    out.push(['materials [null]', await api.call('POST', '/applications', { ...clerk, body: { ...a, materials: [null] } })]);
    out.push(['materials [1]', await api.call('POST', '/applications', { ...clerk, body: { ...a, materials: [1] } })]);
    out.push(['materials obj', await api.call('POST', '/applications', { ...clerk, body: { ...a, materials: {} } })]);
    out.push(['applicant array', await api.call('POST', '/applications', { ...clerk, body: { ...a, applicant: [] } })]);
    out.push(['ws name', await api.call('POST', '/applications', { ...clerk, body: { ...a, applicant: { ...a.applicant, name: '   ' } } })]);
    out.push(['bad date', await api.call('POST', '/applications', { ...clerk, body: { ...a, applicant: { ...a.applicant, idNumber: residentId('330902', '19900230', '101') } } })]);
    out.push(['future date', await api.call('POST', '/applications', { ...clerk, body: { ...a, applicant: { ...a.applicant, idNumber: residentId('330902', '20990101', '101') } } })]);
    out.push(['bad province', await api.call('POST', '/applications', { ...clerk, body: { ...a, applicant: { ...a.applicant, idNumber: residentId('990902', '19900101', '101') } } })]);
    out.push(['wrong check', await api.call('POST', '/applications', { ...clerk, body: { ...a, applicant: { ...a.applicant, idNumber: withWrongCheckDigit(a.applicant.idNumber) } } })]);
    out.push(['17', await api.call('POST', '/applications', { ...clerk, body: { ...a, applicant: { ...a.applicant, idNumber: a.applicant.idNumber.slice(0, 17) } } })]);
    out.push(['nonuuid', await api.call('POST', '/applications/abc/events', { ...clerk, body: { type: 'PASS_FORM_CHECK' } })]);
    out.push(['nonuuid get', await api.call('GET', '/applications/abc', { ...clerk })]);
    out.push(['sys bare', await api.call('POST', '/applications/6f1c1a2e-9b1e-4c51-9d7b-3f6a2b8c4d10/events', { ...clerk, body: { type: 'TRANSFER_DELIVERED' } })]);
    out.push(['items 404', await api.call('GET', '/items/KS9-999')]);
    out.push(['track', await api.call('GET', '/track/330902-20260101-000001?code=123456')]);
    out.push(['track mal', await api.call('GET', '/track/abc?code=1')]);
    out.push(['no headers', await api.call('POST', '/applications', { body: a })]);
    console.log(JSON.stringify(out, null, 1));
  });
});
