import { CLERK as clerk, notarisationApplication } from '../support/fixtures';
import { startStack, type ProcessStack } from '../support/stack';
import { say } from './support/report';

describe('the same receipt sent twice at once with one Idempotency-Key', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    s = await startStack({ mode: 'processes', workers: 1 });
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
