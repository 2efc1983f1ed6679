import { CLERK, notarisationApplication } from './support/fixtures';
import { IdempotencyKeySweeper } from '../apps/worker/src/idempotency-key-sweeper';
import { rowCounts } from './support/row-counts';
import { startStack, type InProcessStack } from './support/stack';
import { TEST_STAFF_PASSWORD } from './support/test-env';

/** DESIGN invariant 4: a retried command with the same Idempotency-Key returns the first answer. */
describe('Idempotency-Key on state-changing requests', () => {
  let api: InProcessStack;
  beforeAll(async () => {
    api = await startStack();
  });
  afterAll(() => api.stop());

  const clerk = CLERK;
  const withKey = (key: string, actor = clerk) => ({ ...actor, headers: { 'idempotency-key': key } });

  it('answers a retried receipt with the first receipt and writes nothing more', async () => {
    const body = notarisationApplication(801);
    const first = await api.call('POST', '/applications', { ...withKey('recv-801'), body });
    expect(first.status).toBe(201);
    const counts = await rowCounts(api.dataSource);
    const retry = await api.call('POST', '/applications', { ...withKey('recv-801'), body });
    expect(retry).toEqual(first);
    expect(await rowCounts(api.dataSource)).toEqual(counts);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    await api.call('POST', '/applications', { ...withKey('recv-802'), body: notarisationApplication(802) });
    const counts = await rowCounts(api.dataSource);
    const other = await api.call('POST', '/applications', {
      ...withKey('recv-802'),
      body: notarisationApplication(803),
    });
    expect(other.status).toBe(422);
    expect(other.body.details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await rowCounts(api.dataSource)).toEqual(counts);
  });

  it('creates one case when the same receipt is sent twice at once', async () => {
    const body = notarisationApplication(804);
    const before = await rowCounts(api.dataSource);
    const answers = await Promise.all(
      [1, 2, 3].map(() => api.call('POST', '/applications', { ...withKey('recv-804'), body })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await rowCounts(api.dataSource)).applications).toBe(before.applications + 1);
  });

  it('applies a retried event once, and keeps two callers’ keys apart', async () => {
    const { body: c } = await api.call('POST', '/applications', {
      ...clerk,
      body: notarisationApplication(805),
    });
    const pass = () =>
      api.call('POST', `/applications/${c.id}/events`, {
        ...withKey('pass-805'),
        body: { type: 'PASS_FORM_CHECK' },
      });
    const first = await pass();
    const retry = await pass();
    expect(first.status).toBe(200);
    expect(retry).toEqual(first);
    const history = (await api.call<any[]>('GET', `/applications/${c.id}/history`, clerk)).body;
    expect(history.filter((e) => e.type === 'PASS_FORM_CHECK')).toHaveLength(1);

    // Another clerk reusing the string is a different key: the machine answers on its own (409).
    const created = await api.call('POST', '/accounts', {
      as: 'admin',
      body: {
        username: 'clerk-w330902-06',
        password: TEST_STAFF_PASSWORD,
        role: 'clerk',
        windowCode: 'W330902',
      },
    });
    expect(created.status).toBe(201);
    const otherClerk = { as: 'clerk-w330902-06' };
    const theirs = await api.call('POST', `/applications/${c.id}/events`, {
      ...withKey('pass-805', otherClerk),
      body: { type: 'PASS_FORM_CHECK' },
    });
    expect(theirs.status).toBe(409);
  });

  it('forgets keys after IDEMPOTENCY_KEY_TTL_HOURS (the worker sweeps them)', async () => {
    await api.call('POST', '/applications', { ...withKey('recv-807'), body: notarisationApplication(807) });
    await api.call('POST', '/applications', { ...withKey('recv-808'), body: notarisationApplication(808) });
    await api.dataSource.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'recv-807'`,
    );
    await api.withWorker((worker) => worker.get(IdempotencyKeySweeper).sweep());
    const keys = await api.dataSource.query(
      `SELECT key FROM idempotency_keys WHERE key IN ('recv-807', 'recv-808')`,
    );
    expect(keys).toEqual([{ key: 'recv-808' }]);
  });

  it('refuses a malformed key', async () => {
    const res = await api.call('POST', '/applications', {
      ...withKey('has spaces'),
      body: notarisationApplication(806),
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });
});
