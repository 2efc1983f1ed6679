import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { TEST_ENV } from './test-env';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';
import { jsonClient, type Call } from './http';

/** Tables whose rows a test may change; counted before and after bad requests. */
export const CASE_TABLES = [
  'applications',
  'materials',
  'transfers',
  'case_events',
  'outbox',
  'evaluations',
  'idempotency_keys',
  'scans',
] as const;

/** A running api on a free port, and a `call` helper that speaks JSON to it. */
export interface ApiHandle {
  app: NestFastifyApplication;
  dataSource: DataSource;
  call: Call;
  close: () => Promise<void>;
}

/**
 * Starts the real api (Fastify, real PostgreSQL and Redis) listening on 127.0.0.1, random port.
 * Rate-limit counts live in Redis and outlast an api: `freshLimits` (the default) clears this test
 * run's counts first, so each test file starts as a fresh api would have before they were shared.
 */
export async function startApi({ freshLimits = true } = {}): Promise<ApiHandle> {
  if (freshLimits) await clearRateLimits();
  const app = await createApiApp();
  await app.listen(0, '127.0.0.1');
  const call = jsonClient(`${await app.getUrl()}/api/v1`);
  return { app, dataSource: app.get(DataSource), call, close: () => app.close() };
}

/** Deletes this test run's rate-limit counts (`<QUEUE_PREFIX>:ratelimit:*`) from Redis. */
export async function clearRateLimits(): Promise<void> {
  const redis = new Redis(TEST_ENV.REDIS_URL);
  try {
    for await (const keys of redis.scanStream({
      match: `${TEST_ENV.QUEUE_PREFIX}:ratelimit:*`,
      count: 500,
    })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
  } finally {
    await redis.quit();
  }
}

/** Starts the real worker (outbox relay and processors) in this process. */
export function startWorker(): Promise<INestApplicationContext> {
  return createWorkerApp();
}

/** Row counts of every case table. */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CASE_TABLES) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = n;
  }
  return counts;
}

/** Polls `read` every 25 ms until `done` holds, or fails after `timeoutMs`. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
