import { verifiedCases } from '../support/cases';
import { CLERK as clerk } from '../support/fixtures';
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
                (SELECT count(*)::int FROM outbox o WHERE o.application_id = a.id) AS outbox
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
    const jobs = await s.queues.courier.getJobs(['delayed', 'waiting', 'active', 'completed', 'failed']);
    expect(jobs.filter((j) => (j.data as { applicationId: string }).applicationId === id)).toEqual([]);
    say('checked: state, version, audit rows, transfers and outbox unchanged; no courier job was ever added');

    await s.db.query('DROP TRIGGER fault_fail_commit ON outbox; DROP FUNCTION fault_fail_commit()');
    expect((await s.call('POST', `/applications/${id}/events`, { ...clerk, body: forward })).status).toBe(
      200,
    );
    await eventually(
      async () => (await snapshotOf(id)).state,
      (st) => st === 'forwarded.awaitingAcceptance',
      { what: `case ${id} delivered after the retried FORWARD` },
    );
    say('checked: the same FORWARD, retried without the fault, is delivered');
  });
});
