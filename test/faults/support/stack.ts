import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { redisConnectionOptions } from '@app/common';
import { QUEUE_NAMES, type QueueName } from '@app/transfer';
import {
  freePort,
  startService,
  stopServices,
  waitUntilHealthy,
  type Service,
} from '../../../apps/cli/src/processes';
import { jsonClient, type Call } from '../../support/http';
import { FAULT_ENV } from './fault-env';

/** The built api and worker as real child processes, with a JSON client, the database and the queues. */
export interface Stack {
  call: Call;
  db: Pool;
  queues: Record<QueueName, Queue>;
  api: Service;
  worker: Service;
  /** Stops the worker with `signal` (SIGTERM: graceful; SIGKILL: crash), if it runs, and starts a new one. */
  restartWorker(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prints what a fault test broke and what it checked. */
export const say = (line: string) => process.stdout.write(`  [fault] ${line}\n`);

async function waitForWorker(queues: Record<QueueName, Queue>, worker: Service): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (worker.child.exitCode !== null) throw new Error(`worker exited with ${worker.child.exitCode}`);
    const counts = await Promise.all(Object.values(queues).map((q) => q.getWorkersCount()));
    if (counts.every((c) => c > 0)) return;
    await sleep(50);
  }
  throw new Error('worker did not connect to its queues within 10 s');
}

/**
 * Starts api and worker (built bundles in dist/) with the fault environment plus `env`; with
 * `logs`, their output is collected there instead of dropped.
 */
export async function startStack(env: Record<string, string> = {}, logs?: string[]): Promise<Stack> {
  const port = await freePort();
  const fullEnv = { ...FAULT_ENV, LOG_LEVEL: 'warn', PORT: String(port), ...env };
  const db = new Pool({ connectionString: FAULT_ENV.DATABASE_URL, max: 4 });
  const connection = redisConnectionOptions(FAULT_ENV.REDIS_URL);
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix: FAULT_ENV.QUEUE_PREFIX })]),
  ) as Record<QueueName, Queue>;
  const stack: Stack = {
    call: jsonClient(`http://127.0.0.1:${port}/api/v1`),
    db,
    queues,
    api: collect(startService('api', fullEnv, logs ? 'pipe' : 'ignore'), logs),
    worker: collect(startService('worker', fullEnv, logs ? 'pipe' : 'ignore'), logs),
    async restartWorker(signal) {
      const { child } = stack.worker;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await exited;
      }
      stack.worker = startService('worker', fullEnv, 'ignore');
      await waitForWorker(queues, stack.worker);
    },
    async stop() {
      await stopServices([stack.api, stack.worker]);
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await db.end();
    },
  };
  await waitUntilHealthy(`http://127.0.0.1:${port}/api/v1`, [stack.api, stack.worker]);
  await waitForWorker(queues, stack.worker);
  return stack;
}

function collect(service: Service, logs?: string[]): Service {
  for (const stream of [service.child.stdout, service.child.stderr]) {
    stream?.on('data', (chunk: Buffer) => logs?.push(chunk.toString('utf8')));
  }
  return service;
}

/** Polls `read` every 100 ms until `done`, failing after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

/** Row counts of `table` grouped by a column, e.g. events per case. */
export async function countBy(db: Pool, sql: string, params: unknown[] = []): Promise<Map<string, number>> {
  const { rows } = await db.query<{ k: string; n: number }>(sql, params);
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}
