import { notarisationApplication } from '../support/fixtures';
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
    const cases = async () =>
      (await s.db.query(`SELECT count(*)::int AS n FROM applications`)).rows[0].n as number;
    const before = await cases();
    const [a, b] = await Promise.all([send(), send()]);
    say('broke: two identical POST /applications with one Idempotency-Key, at the same moment');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect((await cases()) - before).toBe(1);
    say(`checked: one case (${a.body.caseNumber}); both answers carry it`);
  });
});
