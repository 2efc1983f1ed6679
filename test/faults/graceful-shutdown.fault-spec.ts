import { forwardAll, verifiedCases } from './support/cases';
import { countBy, eventually, say, startStack, type Stack } from './support/stack';

describe('the worker stopped with SIGTERM while delivering', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ COURIER_TRANSIT_MS: '0' });
  });
  afterAll(() => s.stop());

  it('finishes or returns its running jobs, exits, and leaves nothing active; every case arrives once', async () => {
    const ids = await verifiedCases(s.call, 30, 7000);
    await forwardAll(s.call, ids);
    const started = Date.now();
    const exit = new Promise<string>((r) =>
      s.worker.child.once('exit', (code, signal) => r(signal ?? `code ${code}`)),
    );
    s.worker.child.kill('SIGTERM');
    // Nest runs the shutdown hooks (workers close, waiting for running jobs), then re-raises SIGTERM.
    const how = await exit;
    say(
      `broke: SIGTERM to the worker while 30 deliveries were due; it exited (${how}) in ${Date.now() - started} ms`,
    );
    expect(how).toBe('SIGTERM');
    expect(await s.queues.courier.getActiveCount()).toBe(0);

    await s.restartWorker('SIGTERM');
    await eventually(
      async () =>
        (
          await s.db.query(
            `SELECT count(*)::int AS n FROM applications WHERE id = ANY($1) AND state = 'forwarded.awaitingAcceptance'`,
            [ids],
          )
        ).rows[0].n,
      (n) => n === 30,
    );
    const deliveries = await countBy(
      s.db,
      `SELECT application_id AS k, count(*) AS n FROM case_events
        WHERE application_id = ANY($1) AND type = 'TRANSFER_DELIVERED' GROUP BY application_id`,
      [ids],
    );
    expect([...deliveries.values()]).toEqual(Array(30).fill(1));
    say('checked: no job left active after the exit; after a restart all 30 arrived, each delivered once');
  });
});
