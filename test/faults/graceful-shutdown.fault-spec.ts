import { countInState, deliveriesPerCase, forwardAll, verifiedCases } from '../support/cases';
import { startStack, type ProcessStack } from '../support/stack';
import { eventually } from '../support/waiting';
import { say } from './support/report';

describe('the worker stopped with SIGTERM while delivering', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    s = await startStack({ mode: 'processes', workers: 1, env: { COURIER_TRANSIT_MS: '0' } });
  });
  afterAll(() => s.stop());

  it('finishes or returns its running jobs, exits, and leaves nothing active; every case arrives once', async () => {
    const ids = await verifiedCases(s.call, 30, 7000);
    await forwardAll(s.call, ids);
    const started = Date.now();
    const [worker] = s.workers;
    const exit = new Promise<string>((r) =>
      worker.child.once('exit', (code, signal) => r(signal ?? `code ${code}`)),
    );
    worker.child.kill('SIGTERM');
    // Nest runs the shutdown hooks (workers close, waiting for running jobs), then re-raises SIGTERM.
    const how = await exit;
    say(
      `broke: SIGTERM to the worker while 30 deliveries were due; it exited (${how}) in ${Date.now() - started} ms`,
    );
    expect(how).toBe('SIGTERM');
    expect(await s.queues.courier.getActiveCount()).toBe(0);

    await s.restartWorker('SIGTERM');
    await eventually(
      () => countInState(s.db, ids, 'forwarded.awaitingAcceptance'),
      (n) => n === 30,
      { what: 'all 30 cases in the inbox after the restart' },
    );
    const deliveries = await deliveriesPerCase(s.db, ids);
    expect(deliveries).toEqual(Array(30).fill(1));
    say('checked: no job left active after the exit; after a restart all 30 arrived, each delivered once');
  });
});
