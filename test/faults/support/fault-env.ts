/**
 * Fault tests run the built api and worker as child processes on their own database, their own
 * Redis database (a test flushes it, so no other run may share it), their own queue prefix and their
 * own upload folder: FAULT_DATABASE_URL, FAULT_REDIS_URL, FAULT_QUEUE_PREFIX and FAULT_STORAGE_DIR
 * move them, as TEST_* move an end-to-end run; an end-to-end run's TEST_* never reach them.
 */
process.env.TEST_DATABASE_URL =
  process.env.FAULT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/proxy_acceptance_faults';
process.env.TEST_REDIS_URL = process.env.FAULT_REDIS_URL ?? 'redis://127.0.0.1:6379/2';
process.env.TEST_QUEUE_PREFIX = process.env.FAULT_QUEUE_PREFIX ?? 'pa-fault';
// Unset, the upload folder is named after the fault database (test-env.ts), never the e2e run's.
if (process.env.FAULT_STORAGE_DIR) process.env.TEST_STORAGE_DIR = process.env.FAULT_STORAGE_DIR;
else delete process.env.TEST_STORAGE_DIR;

export const { TEST_ENV: FAULT_ENV } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the lines above
  require('../../support/test-env') as typeof import('../../support/test-env');
