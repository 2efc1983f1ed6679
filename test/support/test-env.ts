import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The password of every seeded demo account in tests (invented; bcrypt cost 4 keeps tests fast). */
export const TEST_STAFF_PASSWORD = 'test-staff-password-01';

/**
 * The environment of every test process: its own database and its own queue prefix, so tests never
 * touch the demo's data (DATABASE_URL …/proxy_acceptance) or its queues. Short transit times.
 * `TEST_DATABASE_URL` and `TEST_QUEUE_PREFIX` move a test run aside, e.g. to run two at once.
 */
export const TEST_ENV = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/proxy_acceptance_test',
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: process.env.TEST_QUEUE_PREFIX ?? 'pa-test',
  COURIER_TRANSIT_MS: '400',
  SCAN_TRANSIT_MS: '50',
  RESULT_MAIL_TRANSIT_MS: '300',
  OUTBOX_POLL_MS: '20',
  ACCEPTANCE_PERIOD_MS: '2500',
  COURIER_LOST_WAYBILL_PATTERN: '^LOST',
  SCAN_CORRUPT_DIGEST_PATTERN: '^dead',
  LOG_LEVEL: 'silent',
  STORAGE_DIR: join(tmpdir(), 'pa-test-uploads'),
  SCAN_MAX_BYTES: '65536',
  DEMO_STAFF_PASSWORD: TEST_STAFF_PASSWORD,
  BCRYPT_COST: '4',
};

Object.assign(process.env, TEST_ENV);
