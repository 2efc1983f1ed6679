import Redis from 'ioredis';
import { countInState, deliveriesPerCase, forwardAll, verifiedCases } from '../support/cases';
import { CLERK as clerk, OFFICER as officer } from '../support/fixtures';
import { checkInCases, parcelsCarrying } from '../support/parcels';
import { startStack, type ProcessStack } from '../support/stack';
import { eventually } from '../support/waiting';
import { FAULT_ENV } from './support/fault-env';
import { say } from './support/report';

describe('Redis flushed while 50 parcels are with the carrier', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    // Long reconcile interval: only the worker's start-up pass may repair what the flush broke.
    s = await startStack({
      mode: 'processes',
      workers: 1,
      // Transit long enough that every parcel is still with the carrier when Redis is flushed.
      env: { COURIER_TRANSIT_MS: '15000', RECONCILE_INTERVAL_MS: '600000' },
    });
  });
  afterAll(() => s.stop());

  it('republishes every lost parcel-tracking job: all 50 parcels delivered, checked in, each case delivered once', async () => {
    const ids = await verifiedCases(s.call, 50, 1000);
    await forwardAll(s.call, ids);
    // Each courier FORWARD seals a parcel of one; its tracking job follows it at the carrier.
    await eventually(
      async () =>
        (
          await s.db.query(
            `SELECT count(DISTINCT o.parcel_id)::int AS n FROM outbox o
               JOIN parcel_items i ON i.parcel_id = o.parcel_id
              WHERE i.application_id = ANY($1) AND o.queue = 'parcel-tracking' AND o.published_at IS NOT NULL`,
            [ids],
          )
        ).rows[0].n,
      (n) => n === 50,
      { what: 'a tracking job published for each of the 50 parcels' },
    );
    const tracking = s.queues['parcel-tracking'];
    const before = await tracking.getJobs(['delayed', 'waiting']);
    const withCarrier = await parcelsCarrying(s.db, ids, 'sealed');
    const redis = new Redis(FAULT_ENV.REDIS_URL);
    await redis.flushdb();
    await redis.quit();
    say(
      `broke: ${withCarrier} sealed parcels with the carrier, ${before.length} tracking jobs waiting in Redis; FLUSHDB of the queue database`,
    );
    expect(withCarrier).toBe(50);
    expect(before.length).toBeGreaterThan(0);
    const survivors = await Promise.all(before.map((job) => tracking.getJob(job.id!)));
    expect(survivors.filter(Boolean)).toEqual([]);

    await s.restartWorker('SIGTERM');
    const delivered = await eventually(
      () => countInState(s.db, ids, 'forwarded.awaitingCheckIn'),
      (n) => n === 50,
      { what: 'all 50 parcels delivered (cases awaiting check-in) after the restart' },
    );
    expect(delivered).toBe(50);
    expect(await parcelsCarrying(s.db, ids, 'delivered')).toBe(50);
    expect(await deliveriesPerCase(s.db, ids)).toEqual(Array(50).fill(1));

    // The officer signs for each parcel; only then are the cases in his inbox.
    await checkInCases(s.call, officer, ids);
    const { body } = await s.call(
      'GET',
      '/inbox?jurisdiction=J310115-SFJ&state=forwarded.awaitingAcceptance&pageSize=200',
      officer,
    );
    const inInbox = ids.filter((id) => body.cases.some((c: { id: string }) => c.id === id)).length;
    expect(inInbox).toBe(50);
    expect(await parcelsCarrying(s.db, ids, 'checkedIn')).toBe(50);
    expect((await s.call('GET', `/applications/${ids[0]}`, clerk)).body.state).toBe(
      'forwarded.awaitingAcceptance',
    );
    say(
      'checked: after the worker restarted all 50 parcels were delivered (one TRANSFER_DELIVERED per case), ' +
        'checked in by the officer, and all 50 cases are in the inbox',
    );
  });
});
