import { DEVELOPMENT_PII_KEY, PiiCipher } from '@app/common';
import { CLERK, notarisationApplication, OFFICER, SUPERVISOR } from './support/fixtures';
import { startStack, type InProcessStack } from './support/stack';

/** The applicant's identity as the window types it comes back as the same person, whatever its form. */
describe('applicant data at the window', () => {
  let api: InProcessStack;
  beforeAll(async () => {
    api = await startStack();
  });
  afterAll(() => api.stop());

  const clerk = CLERK;
  const receiveAs = async (over: Record<string, string>, n: number) => {
    const body = notarisationApplication(n);
    const res = await api.call('POST', '/applications', {
      ...clerk,
      body: { ...body, applicant: { ...body.applicant, ...over } },
    });
    expect(res.status).toBe(201);
    const view = (await api.call('GET', `/applications/${res.body.id}`, clerk)).body;
    // The query code is answered once, on the receipt: the database keeps only its keyed hash.
    return { ...view, queryCode: res.body.queryCode as string };
  };

  it('stores a 15-digit first-generation number and a lowercase x as the canonical 18-character number', async () => {
    // Invented numbers: 330902900307215 is the first-generation form of 330902199003072157.
    expect((await receiveAs({ idNumber: '330902900307215' }, 901)).applicant.idNumber).toBe(
      '330902199003072157',
    );
    expect((await receiveAs({ idNumber: '11010519491231002x' }, 902)).applicant.idNumber).toBe(
      '11010519491231002X',
    );
  });

  it('keeps ID and phone numbers encrypted at rest, the ID number findable only by its keyed lookup hash, and shows them to staff', async () => {
    const view = await receiveAs({ idNumber: '330902199003072157', phone: '13800579999' }, 905);
    const [row] = await api.dataSource.query(`SELECT * FROM applications WHERE id = $1`, [view.id]);
    expect(JSON.stringify(row)).not.toMatch(/330902199003072157|13800579999/);
    expect(row.applicant_id_number).toMatch(/^v2:[0-9a-f]{8}:/);
    // Staff find a person's cases by the number on the card (issue 14): its HMAC under a key derived
    // from PII_KEY, in one column, and nowhere else; without the key it says nothing of the number.
    const lookup = new PiiCipher(DEVELOPMENT_PII_KEY).idNumberLookup('330902199003072157');
    expect(row.applicant_id_lookup).toBe(lookup);
    expect(JSON.stringify({ ...row, applicant_id_lookup: null })).not.toContain(lookup);
    expect(view.applicant).toMatchObject({ idNumber: '330902199003072157', phone: '13800579999' });
  });

  it('keeps the query code only as a keyed hash, and a retried receipt still answers it', async () => {
    const body = notarisationApplication(907);
    const send = () =>
      api.call('POST', '/applications', { ...clerk, body, headers: { 'idempotency-key': 'receipt-907' } });
    const first = await send();
    const [row] = await api.dataSource.query(`SELECT * FROM applications WHERE id = $1`, [first.body.id]);
    expect(row.query_code).toBeUndefined();
    expect(row.query_code_hash).toMatch(/^[0-9a-f]{8}:[0-9a-f]{64}$/);
    const stored = await api.dataSource.query(
      `SELECT response::text FROM idempotency_keys WHERE key = 'receipt-907'`,
    );
    expect(JSON.stringify([row, stored])).not.toContain(`"${first.body.queryCode}"`);
    const retry = await send();
    expect(retry.body).toEqual(first.body);
    expect(
      (await api.call('GET', `/track/${first.body.caseNumber}?code=${first.body.queryCode}`)).status,
    ).toBe(200);
  });

  it('shows the supervisor only a masked applicant, and the home jurisdiction nothing before arrival', async () => {
    const view = await receiveAs({ idNumber: '330902199003072157', phone: '13800579998' }, 906);
    // The papers are still at the window: the home jurisdiction's officer does not see the case yet.
    expect((await api.call('GET', `/applications/${view.id}`, OFFICER)).status).toBe(404);
    const asSupervisor = (await api.call('GET', `/applications/${view.id}`, SUPERVISOR)).body;
    expect(asSupervisor.applicant).toEqual({
      kind: 'natural_person',
      name: '陈**',
      idType: 'resident_id',
      idNumber: '3309**********2157',
      phone: '138****9998',
      legalRepresentative: null,
      agent: null,
      mailingAddress: null,
    });
    const listed = (await api.call('GET', `/applications?caseNumber=${view.caseNumber}`, SUPERVISOR)).body;
    expect(listed.cases).toEqual([expect.objectContaining({ id: view.id, applicantName: '陈**' })]);
  });

  it('keeps a name with characters outside the BMP byte for byte, and counts them as characters', async () => {
    const name = '𠮷野𪚥'; // three characters, five UTF-16 units
    const view = await receiveAs({ name }, 903);
    expect(Buffer.from(view.applicant.name)).toEqual(Buffer.from(name));
    const [row] = await api.dataSource.query(`SELECT applicant_name FROM applications WHERE id = $1`, [
      view.id,
    ]);
    expect(Buffer.from(row.applicant_name)).toEqual(Buffer.from(name));
    const tracked = (await api.call('GET', `/track/${view.caseNumber}?code=${view.queryCode}`)).body;
    expect(tracked.applicant.name).toBe('𠮷**');
    // 50 characters is the limit, not 50 UTF-16 units: 30 of these (60 units) pass.
    expect((await receiveAs({ name: '𠮷'.repeat(30) }, 904)).applicant.name).toBe('𠮷'.repeat(30));
  });
});
