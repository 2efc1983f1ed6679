import { verifiedCases } from '../support/cases';
import { CLERK as clerk, OFFICER as officer } from '../support/fixtures';
import { checkInCase } from '../support/parcels';
import { startStack, type ProcessStack } from '../support/stack';
import { eventually, pause } from '../support/waiting';
import { say } from './support/report';

describe('a commit that fails after the outbox row was written', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    s = await startStack({ mode: 'processes', workers: 1, env: { COURIER_TRANSIT_MS: '300' } });
  });
  afterAll(async () => {
    await s.db.query(
      'DROP TRIGGER IF EXISTS fault_fail_commit ON outbox; DROP FUNCTION IF EXISTS fault_fail_commit()',
    );
    await s.stop();
  });

  const snapshotOf = async (id: string) =>
    (
      await s.db.query(
        `SELECT a.state, a.version,
                (SELECT count(*)::int FROM case_events e WHERE e.application_id = a.id) AS events,
                (SELECT count(*)::int FROM transfers t WHERE t.application_id = a.id) AS transfers,
                (SELECT count(*)::int FROM outbox o WHERE o.application_id = a.id) AS outbox,
                (SELECT count(*)::int FROM parcel_items i WHERE i.application_id = a.id) AS parcels
           FROM applications a WHERE a.id = $1`,
        [id],
      )
    ).rows[0];

  it('runs no job and leaves the case as it was; the same command succeeds once the fault is gone', async () => {
    const [id] = await verifiedCases(s.call, 1, 3000);
    // A deferred constraint trigger fails the transaction at COMMIT, after every row was written.
    await s.db.query(`CREATE FUNCTION fault_fail_commit() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'fault injected at commit'; END $$`);
    await s.db.query(`CREATE CONSTRAINT TRIGGER fault_fail_commit AFTER INSERT ON outbox
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fault_fail_commit()`);
    const before = await snapshotOf(id);
    const forward = { type: 'FORWARD', channel: 'courier', waybillNumber: 'SF8300000001' };
    const failed = await s.call('POST', `/applications/${id}/events`, { ...clerk, body: forward });
    say(`broke: FORWARD whose COMMIT fails after the outbox row was written (answered ${failed.status})`);
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'internal error',
    });

    await pause(1500); // longer than the courier transit time
    expect(await snapshotOf(id)).toEqual(before);
    // No parcel was sealed for the case, so no tracking job can follow one; nor any job of the case.
    const states = ['delayed', 'waiting', 'active', 'completed', 'failed'] as const;
    const jobs = [
      ...(await s.queues.courier.getJobs([...states])),
      ...(await s.queues['parcel-tracking'].getJobs([...states])),
    ];
    const parcelIds = jobs.map((j) => (j.data as { parcelId?: string }).parcelId).filter(Boolean);
    const { rows: carrying } = await s.db.query(
      'SELECT parcel_id FROM parcel_items WHERE application_id = $1 AND parcel_id = ANY($2)',
      [id, parcelIds],
    );
    expect(carrying).toEqual([]);
    expect(jobs.filter((j) => (j.data as { applicationId?: string }).applicationId === id)).toEqual([]);
    say(
      'checked: state, version, audit rows, transfers, outbox and parcels unchanged; no courier or tracking job was ever added',
    );

    await s.db.query('DROP TRIGGER fault_fail_commit ON outbox; DROP FUNCTION fault_fail_commit()');
    expect((await s.call('POST', `/applications/${id}/events`, { ...clerk, body: forward })).status).toBe(
      200,
    );
    await eventually(
      async () => (await snapshotOf(id)).state,
      (st) => st === 'forwarded.awaitingCheckIn',
      { what: `case ${id}'s parcel delivered after the retried FORWARD` },
    );
    await checkInCase(s.call, officer, id);
    expect((await snapshotOf(id)).state).toBe('forwarded.awaitingAcceptance');
    say('checked: the same FORWARD, retried without the fault, is delivered in its parcel and checked in');
  });
});
