import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import type { Service } from '../../apps/cli/src/processes';
import { setupDatabase } from '../../apps/cli/src/setup';
import { deleteRedisKeys } from '../../test/support/redis-keys';
import { startStack as startProcesses } from '../../test/support/stack';

/**
 * Where the benchmark's data lives: its own database and queue prefix, never anyone else's
 * (BENCH_DATABASE and BENCH_QUEUE_PREFIX move them, for two checkouts benching on one server).
 */
export const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'proxy_acceptance_bench';
export const BENCH_QUEUE_PREFIX = process.env.BENCH_QUEUE_PREFIX ?? 'pa-bench';
export const PG_SERVER_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const BENCH_DATABASE_URL = `${PG_SERVER_URL}/${BENCH_DATABASE}`;
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The preload that reports memory and, when asked, profiles a process (see hooks/profile-hook.cjs). */
const PROFILE_HOOK = resolve(__dirname, '..', 'hooks', 'profile-hook.cjs');

/** The demo accounts' password for this bench process (invented per run; bcrypt cost 4 to seed fast). */
export const BENCH_STAFF_PASSWORD = randomBytes(18).toString('base64url');

/**
 * Drops and recreates the bench database, runs the migrations and loads the catalogue and the demo
 * staff accounts (`setupDatabase`, as `npm run demo` does).
 */
export async function freshDatabase(): Promise<{ migrations: number; items: number }> {
  const admin = new Client({ connectionString: `${PG_SERVER_URL}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${BENCH_DATABASE}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const setup = await setupDatabase(BENCH_DATABASE_URL, {
    catalogue: true,
    demoStaffPassword: BENCH_STAFF_PASSWORD,
    bcryptCost: 4,
  });
  return { migrations: setup.migrationsApplied, items: setup.catalogue?.items ?? 0 };
}

/** Deletes every Redis key of the bench prefix (`pa-bench*`) and nothing else. Returns how many. */
export function clearBenchKeys(): Promise<number> {
  return deleteRedisKeys(BENCH_REDIS_URL, `${BENCH_QUEUE_PREFIX}*`);
}

/** Options of the processes under test. */
export interface StackOptions {
  apis: number;
  workers: number;
  /** Directory where the preload of every process takes its orders and writes its answers. */
  hookDir: string;
  /** Patch pg and bullmq for timing and allow CPU profiling (slows the processes a little). */
  profile: boolean;
}

/** The api and worker processes of one bench run, with the base URL of each api. */
export interface BenchStack {
  apis: Service[];
  workers: Service[];
  baseUrls: string[];
  stop(): Promise<void>;
}

/** The environment of every process under test: bench database and prefix, transit times zero. */
export function benchEnv(): Record<string, string> {
  return {
    DATABASE_URL: BENCH_DATABASE_URL,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: BENCH_QUEUE_PREFIX,
    COURIER_TRANSIT_MS: '0',
    SCAN_TRANSIT_MS: '0',
    RESULT_MAIL_TRANSIT_MS: '0',
    OUTBOX_POLL_MS: process.env.BENCH_OUTBOX_POLL_MS ?? '10',
    RECONCILE_INTERVAL_MS: String(3600 * 1000),
    COURIER_LOST_WAYBILL_PATTERN: '',
    SCAN_CORRUPT_DIGEST_PATTERN: '',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    // Tokens are taken once before the runs; they must outlive the longest run.
    JWT_TTL_SECONDS: String(8 * 3600),
  };
}

/**
 * Starts `apis` api processes (each on its own port) and `workers` worker processes, through the
 * tests' stack (test/support/stack.ts), with their output on ours; waits until all serve.
 */
export async function startStack(options: StackOptions): Promise<BenchStack> {
  mkdirSync(options.hookDir, { recursive: true });
  const stack = await startProcesses({
    mode: 'processes',
    apis: options.apis,
    workers: options.workers,
    env: benchEnv(),
    output: 'inherit',
    readyTimeoutMs: 60_000,
    processEnv: (label) => ({
      NODE_OPTIONS: `--require ${PROFILE_HOOK}`,
      BENCH_HOOK_DIR: options.hookDir,
      BENCH_HOOK_LABEL: label,
      BENCH_PROFILE: options.profile ? '1' : '0',
    }),
  });
  return {
    apis: stack.apis.map((api) => api.service),
    workers: [...stack.workers],
    baseUrls: stack.apis.map((api) => api.baseUrl),
    stop: () => stack.stop(),
  };
}

/** Process ids of PostgreSQL backends connected to the bench database now. */
export async function benchBackendPids(db: Client): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [BENCH_DATABASE],
  );
  return rows.map((r) => r.pid);
}

/** PostgreSQL's own processes (WAL writer, checkpointer, background writer…): shared by every database. */
export async function postgresBackgroundPids(db: Client): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE backend_type <> 'client backend'`,
  );
  return rows.map((r) => r.pid);
}

/** The Redis server's process id (from INFO), or none when it cannot be read. */
export async function redisServerPid(): Promise<number[]> {
  const redis = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: 3 });
  try {
    const pid = /process_id:(\d+)/.exec(await redis.info('server'))?.[1];
    return pid ? [Number(pid)] : [];
  } finally {
    redis.disconnect();
  }
}
