/**
 * Fault tests run the built api and worker as child processes on their own database, their own
 * Redis database (flushed by a test) and their own queue prefix. FAULT_DATABASE_URL and
 * FAULT_REDIS_URL move them elsewhere.
 */
process.env.TEST_DATABASE_URL =
  process.env.FAULT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/proxy_acceptance_faults';
process.env.TEST_REDIS_URL = process.env.FAULT_REDIS_URL ?? 'redis://127.0.0.1:6379/2';
process.env.TEST_QUEUE_PREFIX = 'pa-fault';

export const { TEST_ENV: FAULT_ENV } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the lines above
  require('../../support/test-env') as typeof import('../../support/test-env');
