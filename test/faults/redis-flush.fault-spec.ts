import Redis from 'ioredis';
import { deliveriesPerCase, forwardAll, verifiedCases } from '../support/cases';
import { CLERK as clerk, OFFICER as officer } from '../support/fixtures';
import { startStack, type ProcessStack } from '../support/stack';
import { eventually } from '../support/waiting';
import { FAULT_ENV } from './support/fault-env';
import { say } from './support/report';

describe('Redis flushed while 50 cases are in transit', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    // Long reconcile interval: only the worker's start-up pass may repair what the flush broke.
    s = await startStack({
      mode: 'processes',
      workers: 1,
      env: { COURIER_TRANSIT_MS: '4000', RECONCILE_INTERVAL_MS: '600000' },
    });
  });
  afterAll(() => s.stop());

  it('republishes every lost courier job: all 50 reach the inbox, each delivered exactly once', async () => {
    const ids = await verifiedCases(s.call, 50, 1000);
    await forwardAll(s.call, ids);
    await eventually(
      async () =>
        (
          await s.db.query(
            `SELECT count(*)::int AS n FROM outbox WHERE application_id = ANY($1) AND queue = 'courier' AND published_at IS NOT NULL`,
            [ids],
          )
        ).rows[0].n,
      (n) => n === 50,
      { what: 'all 50 courier jobs published' },
    );
    const delayed = await s.queues.courier.getDelayedCount();
    const redis = new Redis(FAULT_ENV.REDIS_URL);
    await redis.flushdb();
    await redis.quit();
    say(
      `broke: 50 cases in transit, ${delayed} courier jobs delayed in Redis; FLUSHDB of the queue database`,
    );
    expect(await s.queues.courier.getDelayedCount()).toBe(0);

    await s.restartWorker('SIGTERM');
    const inInbox = await eventually(
      async () => {
        const { body } = await s.call('GET', '/inbox?jurisdiction=J310115-SFJ&pageSize=200', officer);
        return ids.filter((id) => body.cases.some((c: { id: string }) => c.id === id)).length;
      },
      (n) => n === 50,
      { what: 'all 50 cases in the inbox after the restart' },
    );
    const deliveries = await deliveriesPerCase(s.db, ids);
    expect(inInbox).toBe(50);
    expect(deliveries).toEqual(Array(50).fill(1));
    expect((await s.call('GET', `/applications/${ids[0]}`, clerk)).body.state).toBe(
      'forwarded.awaitingAcceptance',
    );
    say(
      'checked: after the worker restarted all 50 cases are in the inbox, each with exactly one TRANSFER_DELIVERED',
    );
  });
});
