import { Client } from 'pg';
import { countInState, deliveriesPerCase, forwardAll, verifiedCases } from '../support/cases';
import { OFFICER as officer } from '../support/fixtures';
import { checkInCases, parcelsCarrying } from '../support/parcels';
import { countBy } from '../support/row-counts';
import { startStack, type ProcessStack } from '../support/stack';
import { eventually } from '../support/waiting';
import { FAULT_ENV } from './support/fault-env';
import { say } from './support/report';

describe('the worker killed with SIGKILL in the middle of parcel-tracking jobs', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    s = await startStack({
      mode: 'processes',
      workers: 1,
      env: { COURIER_TRANSIT_MS: '1500', JOB_LOCK_MS: '2000' },
    });
  });
  afterAll(() => s.stop());

  it('runs the interrupted jobs again after a restart: every parcel is delivered, no case twice', async () => {
    const ids = await verifiedCases(s.call, 10, 2000);
    await forwardAll(s.call, ids);
    const parcelIds = (
      await s.db.query<{ id: string }>(
        `SELECT DISTINCT parcel_id AS id FROM parcel_items WHERE application_id = ANY($1)`,
        [ids],
      )
    ).rows.map((r) => r.id);
    expect(parcelIds).toHaveLength(10);
    // Hold the parcels' rows so the tracking jobs, once started, block inside their transactions.
    const locker = new Client({ connectionString: FAULT_ENV.DATABASE_URL });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM parcels WHERE id = ANY($1) FOR UPDATE', [parcelIds]);
    const tracking = s.queues['parcel-tracking'];
    const active = await eventually(
      () => tracking.getActiveCount(),
      (n) => n >= 10,
      { what: '10 parcel-tracking jobs running', timeoutMs: 15_000 },
    );
    await s.restartWorker('SIGKILL');
    say(
      `broke: SIGKILL of the worker while ${active} parcel-tracking jobs were running (blocked mid-transaction)`,
    );
    await locker.query('COMMIT');
    await locker.end();

    const arrived = await eventually(
      () => countInState(s.db, ids, 'forwarded.awaitingCheckIn'),
      (n) => n === 10,
      { what: 'all 10 parcels delivered (cases awaiting check-in) after the restart' },
    );
    const deliveries = await deliveriesPerCase(s.db, ids);
    const transfers = await countBy(
      s.db,
      `SELECT application_id AS k, count(*) AS n FROM transfers WHERE application_id = ANY($1) GROUP BY application_id`,
      [ids],
    );
    const legs = await countBy(
      s.db,
      `SELECT parcel_id AS k, count(*) AS n FROM parcel_legs WHERE parcel_id = ANY($1) GROUP BY parcel_id`,
      [parcelIds],
    );
    expect(arrived).toBe(10);
    expect(deliveries).toEqual(Array(10).fill(1));
    expect([...transfers.values()]).toEqual(Array(10).fill(1));
    expect([...legs.values()]).toEqual(Array(10).fill(4)); // collected, inTransit, outForDelivery, delivered
    expect(await tracking.getActiveCount()).toBe(0);

    await checkInCases(s.call, officer, ids);
    expect(await countInState(s.db, ids, 'forwarded.awaitingAcceptance')).toBe(10);
    expect(await parcelsCarrying(s.db, ids, 'checkedIn')).toBe(10);
    say(
      'checked: all 10 parcels delivered after the restart (four carrier legs each), one TRANSFER_DELIVERED ' +
        'and one transfer per case, no job left active; checked in, all 10 cases await acceptance',
    );
  });
});
