import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_STAFF_PASSWORD } from './fixtures';

// Kept in fixtures.ts, which sets nothing on import: the stack helper and the bench load it too.
export { TEST_STAFF_PASSWORD };

const DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/proxy_acceptance_test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUEUE_PREFIX = process.env.TEST_QUEUE_PREFIX ?? 'pa-test';

/**
 * The run's upload folder (tests delete it): TEST_STORAGE_DIR, else one in the temporary directory
 * named after the run's database and marked with its database, Redis and queue prefix, so it moves
 * with them and two runs never share (or delete) each other's uploads.
 */
function storageDir(): string {
  if (process.env.TEST_STORAGE_DIR) return process.env.TEST_STORAGE_DIR;
  const database = new URL(DATABASE_URL).pathname.slice(1).replace(/[^A-Za-z0-9_-]/g, '_');
  const run = createHash('sha256').update(`${DATABASE_URL} ${REDIS_URL} ${QUEUE_PREFIX}`).digest('hex');
  return join(tmpdir(), `pa-test-uploads-${database}-${run.slice(0, 12)}`);
}

/**
 * The environment of every test process: its own database, queue prefix and upload folder, so
 * tests never touch the demo's data (DATABASE_URL …/proxy_acceptance), its queues or its scans.
 * Short transit times. `TEST_DATABASE_URL`, `TEST_QUEUE_PREFIX`, `TEST_REDIS_URL` and
 * `TEST_STORAGE_DIR` move a test run aside, e.g. to run two at once.
 */
export const TEST_ENV = {
  DATABASE_URL,
  REDIS_URL,
  QUEUE_PREFIX,
  COURIER_TRANSIT_MS: '400',
  SCAN_TRANSIT_MS: '50',
  RESULT_MAIL_TRANSIT_MS: '300',
  OUTBOX_POLL_MS: '20',
  CLOCK_SWEEP_EVERY_MS: '200',
  COURIER_LOST_WAYBILL_PATTERN: '^LOST',
  SCAN_CORRUPT_DIGEST_PATTERN: '^dead',
  LOG_LEVEL: 'silent',
  STORAGE_DIR: storageDir(),
  SCAN_MAX_BYTES: '65536',
  DEMO_STAFF_PASSWORD: TEST_STAFF_PASSWORD,
  BCRYPT_COST: '4',
};

Object.assign(process.env, TEST_ENV);
