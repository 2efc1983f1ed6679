import { once } from 'node:events';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { redisConnectionOptions } from '@app/common';
import { QUEUE_NAMES, type QueueName } from '@app/transfer';
import {
  freePort,
  startService,
  stopServices,
  waitUntilHealthy,
  type Service,
} from '../../apps/cli/src/processes';
import { withEnv } from './env';
import { jsonClient, type Call } from './http';
import { deleteRedisKeys } from './redis-keys';
import { eventually } from './waiting';

/**
 * The one way the end-to-end tests, the fault tests and the bench start and stop the api and the
 * worker (`startStack`), in one of two modes:
 * - in process (the default): the Nest apps inside the test process, the api on a free port of
 *   127.0.0.1; a test may reach into them (`app`, `dataSource`, a worker's providers);
 * - `processes`: the built bundles (dist/, `npm run build`) as child processes, for what needs a
 *   real process: a worker killed or restarted, the logs read, a bundle run as another user, the
 *   bench's CPU and memory per process.
 * Which database, Redis and queue prefix a stack uses is the environment's (DATABASE_URL,
 * REDIS_URL, QUEUE_PREFIX: the run's, see test-env.ts and fault-env.ts), with `env` over it.
 */

/** How a stack launches a process: as `startService` does, or otherwise (as another user…). */
export type Launch = typeof startService;

/** One api of a stack. */
export interface StackApi {
  /** Where it answers: `http://127.0.0.1:<port>/api/v1`. */
  baseUrl: string;
  /** A JSON client of this api (see http.ts). */
  call: Call;
}

/** An api inside the test process: its Nest app and its database connection. */
export interface InProcessApi extends StackApi {
  app: NestFastifyApplication;
  dataSource: DataSource;
}

/** An api as a child process. */
export interface ProcessApi extends StackApi {
  service: Service;
}

interface CommonOptions {
  /** How many apis to start (default 1; 0 for a worker alone), each on its own port. */
  apis?: number;
  /** How many workers to start with them (default 0; `startWorker` adds one later). */
  workers?: number;
  /**
   * Environment over this process's for every app of the stack: the children's environment, or,
   * in process, set while each app is created and put back after.
   */
  env?: Record<string, string>;
  /**
   * Delete the rate-limit counts of the stack's Redis and queue prefix first (default true): they
   * live in Redis and outlast an api, so each test file starts with counts as a fresh api's.
   */
  freshLimits?: boolean;
}

/** A stack whose apps run in the test process. */
export interface InProcessOptions extends CommonOptions {
  mode?: 'in-process';
}

/** A stack whose apps are the built bundles as child processes. */
export interface ProcessOptions extends CommonOptions {
  mode: 'processes';
  /** Where the children's output goes: nowhere (default), to ours, or collected in this array. */
  output?: 'ignore' | 'inherit' | string[];
  /** More environment for one process, by its label (`api-1`, `worker-2`, …). */
  processEnv?: (label: string) => Record<string, string>;
  /** How a process is launched; default `startService` (node runs the bundle from this folder). */
  launch?: Launch;
  /** How long an api or the workers may take to be ready, in ms (default 30 s). */
  readyTimeoutMs?: number;
}

/** Running apis and workers of one database, Redis and queue prefix. */
export abstract class Stack<Api extends StackApi, Worker> {
  readonly apis: Api[] = [];
  /** The workers running now, oldest first. */
  readonly workers: Worker[] = [];
  private opened?: Record<QueueName, Queue>;

  protected constructor(protected readonly env: NodeJS.ProcessEnv) {}

  /** The first api's client. @throws Error when the stack runs no api */
  get call(): Call {
    return this.first.call;
  }

  /** The first api's address, `http://127.0.0.1:<port>/api/v1`. @throws Error when it runs no api */
  get baseUrl(): string {
    return this.first.baseUrl;
  }

  /** The queues of the stack's Redis and prefix, opened when first used and closed by `stop`. */
  get queues(): Record<QueueName, Queue> {
    this.opened ??= Object.fromEntries(
      QUEUE_NAMES.map((name) => [
        name,
        new Queue(name, {
          connection: redisConnectionOptions(this.setting('REDIS_URL')),
          prefix: this.setting('QUEUE_PREFIX'),
        }),
      ]),
    ) as Record<QueueName, Queue>;
    return this.opened;
  }

  protected get first(): Api {
    if (this.apis.length === 0) throw new Error('this stack runs no api');
    return this.apis[0];
  }

  /** Starts a worker beside those running; answers it once it takes jobs. */
  async startWorker(): Promise<Worker> {
    await this.launchWorkers(1);
    return this.workers[this.workers.length - 1];
  }

  /**
   * Stops every worker and waits until each has: a process gets `signal` (SIGTERM: a graceful
   * shutdown; SIGKILL: a crash), an app in process is closed.
   */
  async stopWorkers(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => this.halt(worker, signal)));
  }

  /** Stops the workers with `signal`, then starts one. */
  async restartWorker(signal: NodeJS.Signals = 'SIGTERM'): Promise<Worker> {
    await this.stopWorkers(signal);
    return this.startWorker();
  }

  /** Runs `work` while one more worker runs; stops that worker after, whether `work` failed or not. */
  async withWorker<T>(work: (worker: Worker) => Promise<T>): Promise<T> {
    const worker = await this.startWorker();
    try {
      return await work(worker);
    } finally {
      const running = this.workers.indexOf(worker);
      if (running >= 0) {
        this.workers.splice(running, 1);
        await this.halt(worker, 'SIGTERM');
      }
    }
  }

  /** Stops the workers, then the apis, and closes the queues. */
  async stop(): Promise<void> {
    await this.stopWorkers();
    for (const api of this.apis.splice(0)) await this.haltApi(api);
    const queues = this.opened;
    this.opened = undefined;
    if (queues) await Promise.all(Object.values(queues).map((queue) => queue.close()));
  }

  /** @internal Used by `startStack`: starts the apps; stops what started when one fails. */
  async start({ apis = 1, workers = 0, freshLimits = true }: CommonOptions): Promise<this> {
    try {
      if (freshLimits) {
        await deleteRedisKeys(this.setting('REDIS_URL'), `${this.setting('QUEUE_PREFIX')}:ratelimit:*`);
      }
      await this.launchApis(apis);
      if (workers > 0) await this.launchWorkers(workers);
    } catch (e) {
      await this.stop().catch(() => undefined); // the start's error is the one to report
      throw e;
    }
    return this;
  }

  /** A setting of the stack's environment. @throws Error when it is not set */
  protected setting(name: 'DATABASE_URL' | 'REDIS_URL' | 'QUEUE_PREFIX'): string {
    const value = this.env[name];
    if (!value) throw new Error(`the stack's environment lacks ${name}`);
    return value;
  }

  /** Starts `count` apis, each added to `apis` once it runs; resolves when every one serves. */
  protected abstract launchApis(count: number): Promise<void>;
  /** Starts `count` workers, each added to `workers` once it runs; resolves when all take jobs. */
  protected abstract launchWorkers(count: number): Promise<void>;
  protected abstract halt(worker: Worker, signal: NodeJS.Signals): Promise<void>;
  protected abstract haltApi(api: Api): Promise<void>;
}

/** A stack whose api and worker are Nest apps in the test process. */
export class InProcessStack extends Stack<InProcessApi, INestApplicationContext> {
  constructor(private readonly overrides: Record<string, string>) {
    super({ ...process.env, ...overrides });
  }

  /** The first api's Nest app. */
  get app(): NestFastifyApplication {
    return this.first.app;
  }

  /** The first api's database connection. */
  get dataSource(): DataSource {
    return this.first.dataSource;
  }

  protected async launchApis(count: number): Promise<void> {
    const { createApiApp } = await import('../../apps/api/src/bootstrap');
    for (let i = 0; i < count; i++) {
      const app = await withEnv(this.overrides, createApiApp);
      await app.listen(0, '127.0.0.1');
      const baseUrl = `${await app.getUrl()}/api/v1`;
      this.apis.push({ app, dataSource: app.get(DataSource), baseUrl, call: jsonClient(baseUrl) });
    }
  }

  protected async launchWorkers(count: number): Promise<void> {
    const { createWorkerApp } = await import('../../apps/worker/src/bootstrap');
    for (let i = 0; i < count; i++) this.workers.push(await withEnv(this.overrides, createWorkerApp));
  }

  protected halt(worker: INestApplicationContext): Promise<void> {
    return worker.close();
  }

  protected haltApi(api: InProcessApi): Promise<void> {
    return api.app.close();
  }
}

/** A stack whose api and worker are the built bundles as child processes. */
export class ProcessStack extends Stack<ProcessApi, Service> {
  /** A pool of four connections to the stack's database. */
  readonly db: Pool;

  constructor(private readonly options: ProcessOptions) {
    super({ ...process.env, ...options.env });
    this.db = new Pool({ connectionString: this.setting('DATABASE_URL'), max: 4 });
  }

  override async stop(): Promise<void> {
    await super.stop();
    if (!this.db.ended) await this.db.end();
  }

  protected async launchApis(count: number): Promise<void> {
    const started: ProcessApi[] = [];
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}/api/v1`;
      const service = this.launch('api', `api-${this.apis.length + 1}`, { PORT: String(port) });
      started.push({ service, baseUrl, call: jsonClient(baseUrl) });
      this.apis.push(started[started.length - 1]);
    }
    for (const { baseUrl } of started) await waitUntilHealthy(baseUrl, this.running, this.readyTimeoutMs);
  }

  protected async launchWorkers(count: number): Promise<void> {
    for (let i = 0; i < count; i++)
      this.workers.push(this.launch('worker', `worker-${this.workers.length + 1}`));
    const expected = this.workers.length;
    await eventually(
      async () => {
        const dead = this.workers.find((worker) => worker.child.exitCode !== null);
        if (dead) throw new Error(`worker exited with code ${dead.child.exitCode} during start-up`);
        return Promise.all(Object.values(this.queues).map((queue) => queue.getWorkersCount()));
      },
      (counts) => counts.every((n) => n >= expected),
      { what: `${expected} worker(s) listening on every queue`, timeoutMs: this.readyTimeoutMs },
    );
  }

  protected async halt(worker: Service, signal: NodeJS.Signals): Promise<void> {
    // stopServices sends SIGTERM and waits for the exit; after another signal it only waits.
    if (signal !== 'SIGTERM') worker.child.kill(signal);
    await stopServices([worker]);
  }

  protected haltApi(api: ProcessApi): Promise<void> {
    return stopServices([api.service]);
  }

  private get readyTimeoutMs(): number {
    return this.options.readyTimeoutMs ?? 30_000;
  }

  private get running(): Service[] {
    return [...this.apis.map((api) => api.service), ...this.workers];
  }

  private launch(name: Service['name'], label: string, env: Record<string, string> = {}): Service {
    const { output = 'ignore', processEnv, launch = startService } = this.options;
    const environment = { ...this.options.env, ...processEnv?.(label), ...env };
    const service = launch(name, environment, Array.isArray(output) ? 'pipe' : output);
    if (Array.isArray(output)) collect(service, output);
    return service;
  }
}

/** Appends everything `service` writes (stdout and stderr) to `into`. */
function collect(service: Service, into: string[]): void {
  for (const stream of [service.child.stdout, service.child.stderr]) {
    stream?.on('data', (chunk: Buffer) => into.push(chunk.toString('utf8')));
  }
}

/**
 * Starts a stack: one api (by default) and `workers` workers, in process or, with
 * `mode: 'processes'`, as child processes; resolves once every api serves and every worker listens
 * on every queue. A test stops it with `stop()` (in `afterAll`).
 * @throws Error when an app does not start (what started is stopped first)
 */
export function startStack(options?: InProcessOptions): Promise<InProcessStack>;
export function startStack(options: ProcessOptions): Promise<ProcessStack>;
export function startStack(
  options: InProcessOptions | ProcessOptions = {},
): Promise<InProcessStack | ProcessStack> {
  return options.mode === 'processes'
    ? new ProcessStack(options).start(options)
    : new InProcessStack(options.env ?? {}).start(options);
}

/**
 * Runs the built `name` with `env` over this process's environment (an api on a free port),
 * expecting it to refuse to start, until it exits; `launch` as for a stack.
 * @returns its exit code (null when a signal ended it) and what it wrote to stdout and stderr
 * @throws Error when it has not exited within `timeoutMs` (it is killed)
 */
export async function runToExit(
  name: Service['name'],
  env: Record<string, string>,
  { launch = startService, timeoutMs = 30_000 }: { launch?: Launch; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const port: Record<string, string> = name === 'api' ? { PORT: String(await freePort()) } : {};
  const { child } = launch(name, { ...port, ...env }, 'pipe');
  const text = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (text.stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text.stderr += chunk.toString('utf8')));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  if (timedOut) throw new Error(`${name} did not exit within ${timeoutMs} ms`);
  return { code, ...text };
}
