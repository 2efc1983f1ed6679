import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { runFacts, type RunFacts } from './lib/analysis';
import { parseArgs, type BenchArgs } from './lib/args';
import { runFloor, type FloorResult } from './lib/floor';
import { BenchClient } from './lib/http';
import { benchMaterials, driveCases, type LifecycleRun } from './lib/lifecycle';
import { readProfiles, type ProcessProfile } from './lib/profile';
import { printReport } from './lib/report';
import {
  BENCH_DATABASE,
  BENCH_DATABASE_URL,
  BENCH_QUEUE_PREFIX,
  BENCH_REDIS_URL,
  benchBackendPids,
  clearBenchKeys,
  freshDatabase,
  startStack,
  type BenchStack,
} from './lib/stack';
import { percentiles, Recorder, type Percentiles } from './lib/stats';
import { CpuMeter, rssMb } from './lib/system';

/**
 * `npm run bench`: the whole lifecycle under load against the floor of this machine (issue 6).
 * Builds, starts api(s) and worker(s) as separate processes on a fresh `proxy_acceptance_bench`
 * database (queue prefix `pa-bench`), drives N cases over HTTP at concurrency C, twice, then runs
 * the minimal-pg floor; prints a table and writes JSON under bench/results/.
 */

const ROOT = resolve(__dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results');
const out = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One measured run of N cases: client figures, database facts, CPU and memory after it. */
export interface RunSummary {
  cases: number;
  completed: number;
  failed: number;
  errors: string[];
  wallSeconds: number;
  casesPerSecond: number;
  transitionsPerSecond: number;
  httpRequests: number;
  httpRequestsPerSecond: number;
  pollsPerCase: number;
  latencyMs: Record<string, Percentiles>;
  clientHopMs: Percentiles;
  clientResultHopMs: Percentiles;
  facts: RunFacts;
  cpuSeconds: {
    groups: Record<string, number>;
    loadGenerator: number;
    machineBusy: number;
    machineCapacity: number;
    /** CPU of everything else on the machine meanwhile (other users' processes, PostgreSQL background). */
    elsewhere: number;
    perTransitionMs: Record<string, number>;
  };
  rssMbAfter: Record<string, number>;
}

function processLabels(stack: BenchStack): { label: string; pid: number; kind: 'api' | 'worker' }[] {
  const name = (kind: string, i: number, n: number) => (n === 1 ? kind : `${kind}-${i + 1}`);
  return [
    ...stack.apis.map((s, i) => ({ label: name('api', i, stack.apis.length), pid: s.child.pid!, kind: 'api' as const })),
    ...stack.workers.map((s, i) => ({
      label: name('worker', i, stack.workers.length),
      pid: s.child.pid!,
      kind: 'worker' as const,
    })),
  ];
}

function sampleRss(stack: BenchStack): Record<string, number> {
  return Object.fromEntries(processLabels(stack).map((p) => [p.label, rssMb(p.pid)]));
}

async function waitForFiles(files: string[], timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!files.every((f) => existsSync(f))) {
    if (Date.now() > until) throw new Error(`profile hook did not write ${files.filter((f) => !existsSync(f)).join(', ')}`);
    await sleep(50);
  }
}

/** Tells the profile hook in every process to start (or to stop and write) and waits until each did. */
async function toggleProfiling(stack: BenchStack, dir: string, marker: 'started' | 'done'): Promise<void> {
  const labels = [
    ...stack.apis.map((_, i) => `api-${i + 1}`),
    ...stack.workers.map((_, i) => `worker-${i + 1}`),
  ];
  writeFileSync(join(dir, marker === 'started' ? 'start' : 'stop'), '');
  await waitForFiles(labels.map((l) => join(dir, `${l}.${marker}`)));
}

async function measuredRun(
  args: BenchArgs,
  stack: BenchStack,
  db: Client,
  materials: Awaited<ReturnType<typeof benchMaterials>>,
  runNumber: number,
  profileDir?: string,
): Promise<RunSummary> {
  const recorder = new Recorder();
  const perApi = Math.ceil(args.concurrency / stack.baseUrls.length);
  const clients = stack.baseUrls.map((url) => new BenchClient(url, recorder, perApi));
  const procs = processLabels(stack);
  const meter = new CpuMeter();
  meter.begin([...procs.map((p) => p.pid), ...(await benchBackendPids(db))]);
  if (profileDir) await toggleProfiling(stack, profileDir, 'started');
  let run: LifecycleRun;
  try {
    run = await driveCases(
      clients,
      recorder,
      materials,
      args.cases,
      args.concurrency,
      runNumber,
      (runNumber - 1) * args.cases,
    );
  } finally {
    clients.forEach((c) => c.close());
  }
  if (profileDir) await toggleProfiling(stack, profileDir, 'done');
  const cpu = meter.end({
    api: procs.filter((p) => p.kind === 'api').map((p) => p.pid),
    worker: procs.filter((p) => p.kind === 'worker').map((p) => p.pid),
    'postgres backends': await benchBackendPids(db),
  });
  const facts = await runFacts(db, run.ids);
  const ours = Object.values(cpu.groups).reduce((s, x) => s + x, 0) + cpu.loadGenerator;
  const latencyMs = recorder.summary();
  const httpRequests = Object.values(latencyMs).reduce((s, p) => s + p.count, 0);
  const perTransition = (seconds: number) => round((seconds * 1000) / Math.max(1, facts.transitions), 2);
  return {
    cases: args.cases,
    completed: run.completed,
    failed: run.failed,
    errors: run.errors,
    wallSeconds: round(run.wallSeconds, 2),
    casesPerSecond: round(run.completed / run.wallSeconds),
    transitionsPerSecond: round(facts.transitions / run.wallSeconds),
    httpRequests,
    httpRequestsPerSecond: round(httpRequests / run.wallSeconds),
    pollsPerCase: round(run.polls / Math.max(1, run.completed), 2),
    latencyMs,
    clientHopMs: percentiles(run.clientHopMs),
    clientResultHopMs: percentiles(run.clientResultHopMs),
    facts,
    cpuSeconds: {
      ...cpu,
      elsewhere: round(Math.max(0, cpu.machineBusy - ours), 2),
      perTransitionMs: {
        ...Object.fromEntries(Object.entries(cpu.groups).map(([k, v]) => [k, perTransition(v)])),
        'load generator': perTransition(cpu.loadGenerator),
      },
    },
    rssMbAfter: sampleRss(stack),
  };
}

async function serverVersions(db: Client): Promise<{ postgres: string; redis: string }> {
  const { rows } = await db.query<{ v: string }>('SELECT current_setting(\'server_version\') AS v');
  const redis = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: 3 });
  try {
    const info = await redis.info('server');
    return { postgres: rows[0].v, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? '?' };
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const phase = (name: string, since: number) => (phases[name] = round((performance.now() - since) / 1000, 1));
  const loadBefore = loadavg().map((x) => round(x, 2));
  out(
    `bench: ${args.cases} cases × 2 runs at concurrency ${args.concurrency}, ${args.apis} api / ${args.workers} worker process(es); ` +
      `load average before: ${loadBefore.join(' ')}`,
  );

  let t = performance.now();
  if (!args.skipBuild) {
    out('building the production bundle (npm run build)…');
    execSync('npm run build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  phase('build', t);

  t = performance.now();
  const deletedKeys = await clearBenchKeys();
  const setup = await freshDatabase();
  phase('fresh database + catalogue', t);
  out(`fresh database ${BENCH_DATABASE}: ${setup.migrations} migrations, ${setup.items} catalogue items; ${deletedKeys} old ${BENCH_QUEUE_PREFIX}* keys deleted`);

  const profileDir = args.profile ? join(RESULTS, `profile-${startedAt.toISOString().replace(/[:.]/g, '-')}`) : undefined;
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });

  t = performance.now();
  const stack = await startStack({ apis: args.apis, workers: args.workers, profileDir });
  phase('start processes', t);
  const stopOnSignal = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();

  const runs: RunSummary[] = [];
  let rssStart: Record<string, number> = {};
  let versions = { postgres: '?', redis: '?' };
  try {
    versions = await serverVersions(db);
    await sleep(1000);
    rssStart = sampleRss(stack);
    const materials = await benchMaterials(new BenchClient(stack.baseUrls[0], new Recorder(), 1));
    out(`processes up (${stack.baseUrls.join(', ')}); RSS at start: ${JSON.stringify(rssStart)} MB`);

    for (let n = 1; n <= (args.secondRun ? 2 : 1); n++) {
      t = performance.now();
      out(`run ${n}: driving ${args.cases} cases…`);
      const run = await measuredRun(args, stack, db, materials, n, n === 1 ? profileDir : undefined);
      phase(`run ${n}`, t);
      out(
        `run ${n}: ${run.completed}/${run.cases} delivered in ${run.wallSeconds} s: ${run.casesPerSecond} cases/s, ` +
          `${run.transitionsPerSecond} transitions/s${run.failed ? `; ${run.failed} FAILED: ${run.errors[0]}` : ''}`,
      );
      runs.push(run);
    }
  } finally {
    await db.end();
    await stack.stop();
    process.removeListener('SIGINT', stopOnSignal);
  }

  let floor: FloorResult | null = null;
  if (args.floor) {
    t = performance.now();
    const first = runs[0].facts;
    const perCase = Math.round(first.transitionsPerCase);
    out(`floor: ${args.cases} × ${perCase} transactions, minimal pg client, concurrency ${args.concurrency}, pool ${10 * args.apis}…`);
    floor = await runFloor(BENCH_DATABASE_URL, args.cases, perCase, args.concurrency, 10 * args.apis, first.shape);
    phase('floor', t);
  }
  const profiles: ProcessProfile[] = profileDir ? readProfiles(profileDir) : [];
  const removedKeys = await clearBenchKeys();
  const result = buildResult(args, {
    startedAt,
    durationSeconds: round((performance.now() - t0) / 1000, 1),
    phases,
    loadBefore,
    versions,
    runs,
    rssStart,
    floor,
    profiles,
    profileDir,
    removedKeys,
  });
  mkdirSync(RESULTS, { recursive: true });
  const name =
    args.out ??
    `${startedAt.toISOString().replace(/[:.]/g, '-')}-${args.cases}c-${args.concurrency}x-${args.apis}api-${args.workers}w${args.profile ? '-profile' : ''}.json`;
  const file = join(RESULTS, name.endsWith('.json') ? name : `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  printReport(result);
  out(`\nresults: ${file}`);
  if (result.failedCases > 0) process.exitCode = 1;
}

/** The JSON written under bench/results/ (keys named in issue 6 first). */
export type BenchResult = ReturnType<typeof buildResult>;

function buildResult(
  args: BenchArgs,
  r: {
    startedAt: Date;
    durationSeconds: number;
    phases: Record<string, number>;
    loadBefore: number[];
    versions: { postgres: string; redis: string };
    runs: RunSummary[];
    rssStart: Record<string, number>;
    floor: FloorResult | null;
    profiles: ProcessProfile[];
    profileDir?: string;
    removedKeys: number;
  },
) {
  const [first, second] = r.runs;
  const perCase = first.facts.transitionsPerCase;
  const floorTps = r.floor?.transactionsPerSecond ?? null;
  const rssMb = Object.fromEntries(
    Object.keys(r.rssStart).map((label) => {
      const start = r.rssStart[label];
      const afterRun1 = first.rssMbAfter[label];
      const afterRun2 = second?.rssMbAfter[label] ?? null;
      return [
        label,
        {
          start,
          afterRun1,
          afterRun2,
          growthRun1ToRun2Pct: afterRun2 === null ? null : round(((afterRun2 - afterRun1) / afterRun1) * 100),
        },
      ];
    }),
  );
  const stateChanging = Object.entries(first.latencyMs).filter(([k]) => k.startsWith('POST'));
  const worstP99 = stateChanging.reduce((w, [k, p]) => (p.p99 > w.p99 ? { endpoint: k, p99: p.p99 } : w), {
    endpoint: '',
    p99: 0,
  });
  const growths = Object.values(rssMb)
    .map((x) => x.growthRun1ToRun2Pct)
    .filter((x): x is number => x !== null);
  const maxGrowth = growths.length ? Math.max(...growths) : null;
  const ratio = floorTps ? round(first.transitionsPerSecond / floorTps, 3) : null;
  const hop = first.facts.hopMs;
  return {
    cases: args.cases,
    concurrency: args.concurrency,
    apis: args.apis,
    workers: args.workers,
    casesPerSecond: first.casesPerSecond,
    transitionsPerSecond: first.transitionsPerSecond,
    transitionsPerCase: perCase,
    floorTransactionsPerSecond: floorTps,
    floorCasesPerSecond: floorTps ? round(floorTps / perCase) : null,
    ratio,
    latencyMs: Object.fromEntries(
      Object.entries(first.latencyMs).map(([k, p]) => [k, { p50: p.p50, p95: p.p95, p99: p.p99, mean: p.mean, max: p.max, count: p.count }]),
    ),
    hopLatencyMs: { p50: hop.p50, p95: hop.p95, p99: hop.p99, mean: hop.mean, max: hop.max, count: hop.count, source: 'case_events.occurred_at FORWARD → TRANSFER_DELIVERED' },
    rssMb,
    targets: {
      throughput: {
        rule: 'casesPerSecond ≥ 50% of floorTransactionsPerSecond / transitionsPerCase (ratio ≥ 0.5)',
        required: floorTps ? round((0.5 * floorTps) / perCase) : null,
        actual: first.casesPerSecond,
        holds: ratio === null ? null : ratio >= 0.5,
      },
      p99: {
        rule: `p99 of every state-changing endpoint < 100 ms at concurrency ${args.concurrency}`,
        worst: worstP99,
        holds: worstP99.p99 < 100,
      },
      memory: {
        rule: 'RSS growth of each process from the end of run 1 to the end of run 2 ≤ 10 %',
        maxGrowthPct: maxGrowth,
        holds: maxGrowth === null ? null : maxGrowth <= 10,
      },
    },
    failedCases: r.runs.reduce((s, x) => s + x.failed, 0),
    startedAt: r.startedAt.toISOString(),
    durationSeconds: r.durationSeconds,
    phasesSeconds: r.phases,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '?',
      node: process.version,
      postgres: r.versions.postgres,
      redis: r.versions.redis,
      loadAverageBefore: r.loadBefore,
    },
    settings: {
      item: 'KS1-005 失业登记, W330903 → J340100-RSJ, courier, result online',
      database: BENCH_DATABASE,
      queuePrefix: BENCH_QUEUE_PREFIX,
      transit: 'COURIER_TRANSIT_MS=0 SCAN_TRANSIT_MS=0 (online result)',
      outboxPollMs: Number(process.env.BENCH_OUTBOX_POLL_MS ?? 10),
      apiPoolSize: 10,
      pollIntervalMs: 20,
      profiled: args.profile,
    },
    runs: r.runs,
    floor: r.floor,
    profile: r.profiles.length ? { dir: r.profileDir, processes: r.profiles } : null,
    redisKeysRemovedAfter: r.removedKeys,
  };
}

main().catch((e: Error) => {
  process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
