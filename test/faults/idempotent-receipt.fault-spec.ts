import { notarisationApplication } from '../support/fixtures';
import { DEVELOPMENT_PII_KEY, PiiCipher } from '@app/common';
import { clerk } from './support/cases';
import { say, startStack, type Stack } from './support/stack';

describe('the same receipt sent twice at once with one Idempotency-Key', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(() => s.stop());

  it('creates one case and answers both with it', async () => {
    const body = notarisationApplication(6000);
    const send = () =>
      s.call('POST', '/applications', {
        ...clerk,
        body,
        headers: { 'idempotency-key': 'window-330902-6000' },
      });
    const [a, b] = await Promise.all([send(), send()]);
    say('broke: two identical POST /applications with one Idempotency-Key, at the same moment');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    const { rows } = await s.db.query(
      `SELECT count(*)::int AS n FROM applications WHERE applicant_id_hash = $1`,
      [new PiiCipher(DEVELOPMENT_PII_KEY).lookupHash(body.applicant.idNumber)],
    );
    expect(rows[0].n).toBe(1);
    say(`checked: one case (${a.body.caseNumber}); both answers carry it`);
  });
});
