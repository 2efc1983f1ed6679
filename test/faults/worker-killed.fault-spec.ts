import { Client } from 'pg';
import { countInState, deliveriesPerCase, forwardAll, verifiedCases } from '../support/cases';
import { countBy } from '../support/row-counts';
import { startStack, type ProcessStack } from '../support/stack';
import { eventually } from '../support/waiting';
import { FAULT_ENV } from './support/fault-env';
import { say } from './support/report';

describe('the worker killed with SIGKILL in the middle of delivery jobs', () => {
  let s: ProcessStack;
  beforeAll(async () => {
    s = await startStack({
      mode: 'processes',
      workers: 1,
      env: { COURIER_TRANSIT_MS: '1500', JOB_LOCK_MS: '2000' },
    });
  });
  afterAll(() => s.stop());

  it('runs the interrupted jobs again after a restart: every case arrives, none twice', async () => {
    const ids = await verifiedCases(s.call, 10, 2000);
    await forwardAll(s.call, ids);
    // Hold the cases' rows so the delivery jobs, once started, block inside their transactions.
    const locker = new Client({ connectionString: FAULT_ENV.DATABASE_URL });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM applications WHERE id = ANY($1) FOR UPDATE', [ids]);
    const active = await eventually(
      () => s.queues.courier.getActiveCount(),
      (n) => n >= 10,
      { what: '10 courier jobs running', timeoutMs: 15_000 },
    );
    await s.restartWorker('SIGKILL');
    say(`broke: SIGKILL of the worker while ${active} courier jobs were running (blocked mid-transaction)`);
    await locker.query('COMMIT');
    await locker.end();

    const arrived = await eventually(
      () => countInState(s.db, ids, 'forwarded.awaitingAcceptance'),
      (n) => n === 10,
      { what: 'all 10 cases in the inbox after the restart' },
    );
    const deliveries = await deliveriesPerCase(s.db, ids);
    const transfers = await countBy(
      s.db,
      `SELECT application_id AS k, count(*) AS n FROM transfers WHERE application_id = ANY($1) GROUP BY application_id`,
      [ids],
    );
    expect(arrived).toBe(10);
    expect(deliveries).toEqual(Array(10).fill(1));
    expect([...transfers.values()]).toEqual(Array(10).fill(1));
    expect(await s.queues.courier.getActiveCount()).toBe(0);
    say(
      'checked: all 10 cases arrived after the restart, one TRANSFER_DELIVERED and one transfer each, no job left active',
    );
  });
});
