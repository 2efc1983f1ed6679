import { DEVELOPMENT_AUDIT_KEY } from '@app/common';
import { auditHash, auditKeyFrom } from '@app/db';
import { CLERK, OFFICER, nextWaybill, notarisationApplication, scanPage } from './support/fixtures';
import { checkInCase } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { eventually } from './support/waiting';
import { receiveRowWithout, slipScan } from './support/history';
import { signIn, uploadScan } from './support/http';
import { TEST_STAFF_PASSWORD } from './support/test-env';

/**
 * Issue 11 item 6: receiving, a scan upload and an evaluation append to the case's hash-chained
 * history through the same write path as events. A scan and an evaluation are rows that change no
 * state (SCAN_UPLOADED, EVALUATED): staff see them in the history, the applicant's timeline keeps
 * to the case's steps, and verification compares the `scans` and `evaluations` rows with them.
 */
describe('scans and evaluations in the case history', () => {
  let api: InProcessStack;
  let base: string;
  let token: string;
  let n = 7300;

  beforeAll(async () => {
    api = await startStack({ workers: 1 });
    base = api.baseUrl;
    token = await signIn(base, CLERK.as, TEST_STAFF_PASSWORD);
  });
  afterAll(() => api.stop());

  const receive = async () => {
    const { body } = await api.call('POST', '/applications', {
      ...CLERK,
      body: notarisationApplication(++n),
    });
    return body as { id: string; caseNumber: string; queryCode: string };
  };
  const send = async (
    id: string,
    who: { as: string },
    body: object,
    headers: Record<string, string> = {},
  ) => {
    const res = await api.call('POST', `/applications/${id}/events`, { ...who, body, headers });
    expect(res.status).toBe(200);
    return res.body;
  };
  const history = async (id: string) =>
    (await api.call<any[]>('GET', `/applications/${id}/history`, CLERK)).body;
  const verdict = async (id: string) =>
    (await api.call('GET', `/applications/${id}/history/verify`, CLERK)).body.verdict;
  const stateOf = async (id: string) => (await api.call('GET', `/applications/${id}`, CLERK)).body.state;

  it('records a scan as a history row that keeps the state, moves the version, and shows to staff as it is', async () => {
    const c = await receive();
    const bytes = scanPage(`学历证书 ${n}`);
    const uploaded = await uploadScan(base, token, c.id, '学历证书', bytes);
    expect(uploaded).toMatchObject({ status: 201, body: { materialName: '学历证书', version: 2 } });
    const again = await uploadScan(base, token, c.id, '学历证书', bytes);
    expect(again).toMatchObject({ status: 201, body: { id: uploaded.body.id, version: 2 } });

    const rows = await history(c.id);
    expect(rows.map((e) => [e.seq, e.type, e.fromState, e.toState, e.actorRole, e.actorId])).toEqual([
      [1, 'RECEIVE', null, 'received', 'clerk', 'clerk-w330902'],
      [2, 'SCAN_UPLOADED', 'received', 'received', 'clerk', 'clerk-w330902'],
    ]);
    expect(rows[1].payload).toEqual({
      materialName: '学历证书',
      sha256: uploaded.body.sha256,
      contentType: 'image/png',
      bytes: bytes.length,
    });
    expect(rows[0].payload.recordedTables).toEqual(['scans', 'evaluations']);
    const { id: _row, hash, hashScheme: _scheme, ...fields } = rows[1];
    expect(hash).toBe(
      auditHash({ ...fields, occurredAt: new Date(fields.occurredAt) }, auditKeyFrom(DEVELOPMENT_AUDIT_KEY)),
    );
    expect(rows[1].prevHash).toBe(rows[0].hash);

    // The version the upload answered is the one a command must name now.
    const stale = await api.call('POST', `/applications/${c.id}/events`, {
      ...CLERK,
      body: { type: 'PASS_FORM_CHECK' },
      headers: { 'if-match': '1' },
    });
    expect(stale.body.details).toMatchObject({ reason: 'stale_version', version: 2 });
    await send(c.id, CLERK, { type: 'PASS_FORM_CHECK' }, { 'if-match': '2' });
    expect(await verdict(c.id)).toEqual({ intact: true, rows: 3 });
  });

  it('lets two uploads to one case at once both succeed, one after the other in its history', async () => {
    const c = await receive();
    const answers = await Promise.all(
      ['公证申请表', '学历证书'].map((m) => uploadScan(base, token, c.id, m, scanPage(`${m} ${n}`))),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers.map((a) => a.body.version).sort()).toEqual([2, 3]);
    expect((await history(c.id)).map((e) => e.type)).toEqual(['RECEIVE', 'SCAN_UPLOADED', 'SCAN_UPLOADED']);
    expect(await verdict(c.id)).toEqual({ intact: true, rows: 3 });
  });

  it('records the evaluation as a history row; the applicant’s timeline shows the steps only', async () => {
    const c = await receive();
    await uploadScan(base, token, c.id, '学历证书', scanPage(`证书 ${n}`));
    await send(c.id, CLERK, { type: 'PASS_FORM_CHECK' });
    await send(c.id, CLERK, { type: 'VERIFY_IDENTITY', method: 'face', passed: true });
    await send(c.id, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
    await checkInCase(api.call, OFFICER, c.id);
    await eventually(
      () => stateOf(c.id),
      (s) => s === 'forwarded.awaitingAcceptance',
      { what: `case ${c.caseNumber} arrived` },
    );
    await send(c.id, OFFICER, { type: 'ACCEPT' });
    await send(c.id, OFFICER, {
      type: 'APPROVE',
      result: { documentType: '公证书', documentNumber: `${n}` },
    });
    await send(c.id, OFFICER, { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: nextWaybill('EMS') });
    await eventually(
      () => stateOf(c.id),
      (s) => s === 'resultDelivered',
      { what: `case ${c.caseNumber} delivered` },
    );

    const rated = await api.call('POST', `/track/${c.caseNumber}/evaluation?code=${c.queryCode}`, {
      body: { windowGrade: 'satisfied', jurisdictionGrade: 'basically_satisfied', comment: '很快' },
    });
    expect(rated.status).toBe(201);
    const rows = await history(c.id);
    expect(rows.at(-1)).toMatchObject({
      seq: 11,
      type: 'EVALUATED',
      fromState: 'resultDelivered',
      toState: 'resultDelivered',
      actorRole: 'applicant',
      actorId: `applicant:${c.caseNumber}`,
      payload: { windowGrade: 'satisfied', jurisdictionGrade: 'basically_satisfied', comment: '很快' },
    });
    expect((await api.call('GET', `/applications/${c.id}`, CLERK)).body.version).toBe(11);
    expect(await verdict(c.id)).toEqual({ intact: true, rows: 11 });

    const tracked = (await api.call('GET', `/track/${c.caseNumber}?code=${c.queryCode}`)).body;
    // The steps, and the carrier's legs of the result's parcel woven in (TRACKING, never a history row).
    const timeline = tracked.timeline as { type: string }[];
    expect(timeline.filter((t) => t.type !== 'TRACKING').map((t) => t.type)).toEqual(
      rows.map((e) => e.type).filter((t) => t !== 'SCAN_UPLOADED' && t !== 'EVALUATED'),
    );
    expect(timeline.filter((t) => t.type === 'TRACKING').length).toBeGreaterThan(0);
    expect(rows.map((e) => e.type)).not.toContain('TRACKING');
    expect(tracked).toMatchObject({
      canEvaluate: false,
      evaluation: { window: { grade: 'satisfied' }, jurisdiction: { grade: 'basically_satisfied' } },
    });

    // An evaluation changed in its table no longer matches the row that recorded it.
    await api.dataSource.query(
      `UPDATE evaluations SET jurisdiction_grade = 'satisfied' WHERE application_id = $1`,
      [c.id],
    );
    expect(await verdict(c.id)).toEqual({
      intact: false,
      rows: 11,
      brokenAt: {
        id: rows[10].id,
        seq: 11,
        reason: 'evaluations no longer holds the evaluation this row recorded',
      },
    });
  });

  it('finds a scan changed, removed or added outside the write path', async () => {
    const c = await receive();
    const { body: scan } = await uploadScan(base, token, c.id, '学历证书', scanPage(`篡改 ${n}`));
    const rows = await history(c.id);
    const breaks = async () => (await verdict(c.id)).brokenAt;

    await api.dataSource.query(`UPDATE scans SET material_name = '公证申请表' WHERE application_id = $1`, [
      c.id,
    ]);
    expect(await breaks()).toEqual({
      id: rows[1].id,
      seq: 2,
      reason: `scans no longer holds the scan ${scan.sha256} this row recorded`,
    });
    await api.dataSource.query(`UPDATE scans SET material_name = '学历证书' WHERE application_id = $1`, [
      c.id,
    ]);
    expect(await verdict(c.id)).toEqual({ intact: true, rows: 2 });

    // A page slipped in beside the uploaded one would travel with a scan transfer.
    const forged = 'f'.repeat(64);
    await slipScan(api.dataSource, c.id, '公证申请表', forged);
    expect(await breaks()).toEqual({
      id: rows[0].id,
      seq: 1,
      reason: `scans holds ${forged}, which no SCAN_UPLOADED row records`,
    });
    await api.dataSource.query(`DELETE FROM scans WHERE application_id = $1`, [c.id]);
    expect(await breaks()).toMatchObject({ seq: 2 });
  });

  it('keeps a case received before its history recorded scans intact, naming scans as not covered', async () => {
    const c = await receive();
    // The RECEIVE row as the code before this change wrote it (no recordedTables), signed under the key.
    expect(await receiveRowWithout(api.dataSource, c.id, 'recordedTables')).toEqual(['scans', 'evaluations']);
    expect(await verdict(c.id)).toEqual({ intact: true, rows: 1 });
    await slipScan(api.dataSource, c.id, '学历证书', 'e'.repeat(64));
    expect(await verdict(c.id)).toEqual({ intact: true, rows: 1, unsigned: ['scans'] });
  });
});
