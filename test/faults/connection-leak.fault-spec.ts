import { verifiedCases } from '../support/cases';
import { CLERK as clerk } from '../support/fixtures';
import { startStack, type ProcessStack } from '../support/stack';
import { FAULT_ENV } from './support/fault-env';
import { say } from './support/report';

describe('30 requests that each fail inside a transaction', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    s = await startStack({ mode: 'processes', workers: 1 });
  });
  afterAll(() => s.stop());

  it('leave no connection idle in transaction, and the next read answers within a second', async () => {
    const [id] = await verifiedCases(s.call, 1, 5000);
    // The case is the clerk's and past its form check: the transaction opens, the case loads, and
    // the machine refuses a second PASS_FORM_CHECK inside it.
    const failures = await Promise.all(
      Array.from({ length: 30 }, () =>
        s.call('POST', `/applications/${id}/events`, { ...clerk, body: { type: 'PASS_FORM_CHECK' } }),
      ),
    );
    say('broke: 30 concurrent commands that each fail inside their transaction (409 from the machine)');
    expect(failures.map((f) => f.status)).toEqual(Array(30).fill(409));

    const started = Date.now();
    const read = await s.call('GET', `/applications/${id}`, clerk);
    const elapsed = Date.now() - started;
    expect(read.status).toBe(200);
    expect(elapsed).toBeLessThan(1000);
    const database = new URL(FAULT_ENV.DATABASE_URL).pathname.slice(1);
    const { rows } = await s.db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`,
      [database],
    );
    expect(rows[0].n).toBe(0);
    say(
      `checked: status read answered in ${elapsed} ms; pg_stat_activity shows 0 connections idle in transaction`,
    );
  });
});
