import { countInState, deliveriesPerCase, forwardAll, verifiedCases } from '../support/cases';
import { OFFICER as officer } from '../support/fixtures';
import { checkInCases, parcelsCarrying } from '../support/parcels';
import { startStack, type ProcessStack } from '../support/stack';
import { eventually } from '../support/waiting';
import { say } from './support/report';

describe('the worker stopped with SIGTERM while delivering', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    s = await startStack({ mode: 'processes', workers: 1, env: { COURIER_TRANSIT_MS: '0' } });
  });
  afterAll(() => s.stop());

  it('finishes or returns its running jobs, exits, and leaves nothing active; every parcel is delivered once', async () => {
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
      `broke: SIGTERM to the worker while 30 parcels were due at the carrier; it exited (${how}) in ${Date.now() - started} ms`,
    );
    expect(how).toBe('SIGTERM');
    expect(await s.queues['parcel-tracking'].getActiveCount()).toBe(0);

    await s.restartWorker('SIGTERM');
    await eventually(
      () => countInState(s.db, ids, 'forwarded.awaitingCheckIn'),
      (n) => n === 30,
      { what: 'all 30 parcels delivered (cases awaiting check-in) after the restart' },
    );
    const deliveries = await deliveriesPerCase(s.db, ids);
    expect(deliveries).toEqual(Array(30).fill(1));
    expect(await parcelsCarrying(s.db, ids, 'delivered')).toBe(30);
    await checkInCases(s.call, officer, ids);
    expect(await countInState(s.db, ids, 'forwarded.awaitingAcceptance')).toBe(30);
    say(
      'checked: no tracking job left active after the exit; after a restart all 30 parcels were delivered, ' +
        'each case once, and once checked in all 30 await acceptance',
    );
  });
});
