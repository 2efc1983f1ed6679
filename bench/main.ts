import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { footprint, runFacts, type Footprint, type RunFacts } from './lib/analysis';
import { parseArgs, type BenchArgs } from './lib/args';
import { runFloor, type FloorResult } from './lib/floor';
import { BenchClient } from './lib/http';
import { BENCH_STAFF, benchMaterials, driveCases, type LifecycleRun } from './lib/lifecycle';
import { readProfiles, type ProcessProfile } from './lib/profile';
import { printReport } from './lib/report';
import {
  BENCH_DATABASE,
  BENCH_DATABASE_URL,
  BENCH_QUEUE_PREFIX,
  BENCH_REDIS_URL,
  benchBackendPids,
  clearBenchKeys,
  postgresBackgroundPids,
  redisServerPid,
  BENCH_STAFF_PASSWORD,
  freshDatabase,
  startStack,
  type BenchStack,
} from './lib/stack';
import { percentiles, Recorder, type Percentiles } from './lib/stats';
import { CpuMeter, machineCpu, rssMb } from './lib/system';

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
    /** All of the above plus the load generator, per transition, ms. */
    totalPerTransitionMs: number;
    /**
     * What this run would have done had the machine's cores been its own: cores × 1000 ÷
     * totalPerTransitionMs. Not disturbed by other users' processes (their CPU is left out), so
     * it compares runs taken at busy and quiet moments.
     */
    cpuBoundTransitionsPerSecond: number;
  };
  memoryAfter: Record<string, MemorySample>;
}

interface ProcessLabel {
  /** `api`, `worker` when there is one of a kind, else `api-1`, `api-2`, … (keys of rssMb). */
  label: string;
  /** Always numbered: the name the hook writes its files under. */
  hookLabel: string;
  pid: number;
  kind: 'api' | 'worker';
}

function processLabels(stack: BenchStack): ProcessLabel[] {
  const of = (kind: 'api' | 'worker', services: BenchStack['apis']) =>
    services.map((s, i) => ({
      label: services.length === 1 ? kind : `${kind}-${i + 1}`,
      hookLabel: `${kind}-${i + 1}`,
      pid: s.child.pid!,
      kind,
    }));
  return [...of('api', stack.apis), ...of('worker', stack.workers)];
}

/** Memory of one process at a moment: RSS as the kernel sees it, and the V8 heap left after a full GC. */
export interface MemorySample {
  rssMb: number;
  rssAfterGcMb: number;
  heapUsedAfterGcMb: number;
  heapTotalMb: number;
  externalMb: number;
}

/** RSS of every process now (from /proc), then the heap after a full GC each process reports. */
async function sampleMemory(
  stack: BenchStack,
  hookDir: string,
  tag: string,
): Promise<Record<string, MemorySample>> {
  const procs = processLabels(stack);
  const rss = Object.fromEntries(procs.map((p) => [p.label, rssMb(p.pid)]));
  writeFileSync(join(hookDir, `mem-${tag}`), '');
  const files = procs.map((p) => join(hookDir, `${p.hookLabel}.mem-${tag}.json`));
  await waitForFiles(files);
  return Object.fromEntries(
    procs.map((p, i) => {
      const reported = JSON.parse(readFileSync(files[i], 'utf8')) as MemorySample;
      return [p.label, { ...reported, rssMb: rss[p.label] }];
    }),
  );
}

async function waitForFiles(files: string[], timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!files.every((f) => existsSync(f))) {
    if (Date.now() > until)
      throw new Error(`profile hook did not write ${files.filter((f) => !existsSync(f)).join(', ')}`);
    await sleep(50);
  }
}

/** Tells the profile hook in every process to start (or to stop and write) and waits until each did. */
async function toggleProfiling(stack: BenchStack, dir: string, marker: 'started' | 'done'): Promise<void> {
  writeFileSync(join(dir, marker === 'started' ? 'start' : 'stop'), '');
  await waitForFiles(processLabels(stack).map((p) => join(dir, `${p.hookLabel}.${marker}`)));
}

async function measuredRun(
  args: BenchArgs,
  stack: BenchStack,
  db: Client,
  materials: Awaited<ReturnType<typeof benchMaterials>>,
  runNumber: number,
  hookDir: string,
  profile: boolean,
): Promise<RunSummary> {
  const recorder = new Recorder();
  const perApi = Math.ceil(args.concurrency / stack.baseUrls.length);
  const clients = stack.baseUrls.map((url) => new BenchClient(url, recorder, perApi));
  for (const client of clients) await client.signIn(Object.values(BENCH_STAFF), BENCH_STAFF_PASSWORD);
  const procs = processLabels(stack);
  const meter = new CpuMeter();
  const shared = { 'postgres background': await postgresBackgroundPids(db), redis: await redisServerPid() };
  meter.begin([...procs.map((p) => p.pid), ...(await benchBackendPids(db)), ...Object.values(shared).flat()]);
  if (profile) await toggleProfiling(stack, hookDir, 'started');
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
  if (profile) await toggleProfiling(stack, hookDir, 'done');
  const cpu = meter.end({
    api: procs.filter((p) => p.kind === 'api').map((p) => p.pid),
    worker: procs.filter((p) => p.kind === 'worker').map((p) => p.pid),
    'postgres backends': await benchBackendPids(db),
    ...shared,
  });
  const facts = await runFacts(db, run.ids);
  const ours = Object.values(cpu.groups).reduce((s, x) => s + x, 0) + cpu.loadGenerator;
  const totalPerTransitionMs = (ours * 1000) / Math.max(1, facts.transitions);
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
      totalPerTransitionMs: round(totalPerTransitionMs, 2),
      cpuBoundTransitionsPerSecond: Math.round((cpus().length * 1000) / totalPerTransitionMs),
    },
    memoryAfter: await sampleMemory(stack, hookDir, `after-run-${runNumber}`),
  };
}

/**
 * Which code was measured: the commit, and how many files outside bench/ and docs/ differ from it
 * (a shared work tree may hold someone's unfinished change). BENCH_SOURCE names it when ROOT is
 * an export without .git.
 */
function sourceVersion(): { commit: string; uncommittedProductFiles: string[] } {
  try {
    const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execSync('git status --porcelain', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .split('\n')
      .map((l) => l.slice(3).trim())
      .filter((f) => f && !/^(bench|docs)\//.test(f) && f !== 'package.json');
    return { commit, uncommittedProductFiles: dirty };
  } catch {
    return { commit: process.env.BENCH_SOURCE ?? 'unknown (no git)', uncommittedProductFiles: [] };
  }
}

/** How busy the machine is over `ms` while the bench itself idles, % of all cores. */
async function machineBusyPct(ms = 2000): Promise<number> {
  const a = machineCpu();
  await sleep(ms);
  const b = machineCpu();
  return round(((b.busy - a.busy) / Math.max(0.01, b.total - a.total)) * 100);
}

async function serverVersions(db: Client): Promise<{ postgres: string; redis: string }> {
  const { rows } = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
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
  const phase = (name: string, since: number) =>
    (phases[name] = round((performance.now() - since) / 1000, 1));
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
  out(
    `fresh database ${BENCH_DATABASE}: ${setup.migrations} migrations, ${setup.items} catalogue items; ${deletedKeys} old ${BENCH_QUEUE_PREFIX}* keys deleted`,
  );

  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const hookDir = join(RESULTS, args.profile ? `profile-${stamp}` : `.hooks-${stamp}`);
  rmSync(hookDir, { recursive: true, force: true });

  t = performance.now();
  const stack = await startStack({ apis: args.apis, workers: args.workers, hookDir, profile: args.profile });
  phase('start processes', t);
  const stopOnSignal = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();

  const runs: RunSummary[] = [];
  let memoryStart: Record<string, MemorySample> = {};
  let busyBeforePct = NaN;
  let weight: Footprint | null = null;
  let versions = { postgres: '?', redis: '?' };
  try {
    versions = await serverVersions(db);
    await sleep(1000);
    memoryStart = await sampleMemory(stack, hookDir, 'start');
    busyBeforePct = await machineBusyPct();
    if (busyBeforePct > 20) {
      out(
        `WARNING: the machine is ${busyBeforePct} % busy before the run (other processes): figures will be low`,
      );
    }
    const materials = await benchMaterials(new BenchClient(stack.baseUrls[0], new Recorder(), 1));
    out(
      `processes up (${stack.baseUrls.join(', ')}); RSS at start, MB: ` +
        Object.entries(memoryStart)
          .map(([k, m]) => `${k} ${m.rssMb}`)
          .join(', '),
    );

    for (let n = 1; n <= (args.secondRun ? 2 : 1); n++) {
      t = performance.now();
      out(`run ${n}: driving ${args.cases} cases…`);
      const run = await measuredRun(args, stack, db, materials, n, hookDir, args.profile && n === 1);
      phase(`run ${n}`, t);
      out(
        `run ${n}: ${run.completed}/${run.cases} delivered in ${run.wallSeconds} s: ${run.casesPerSecond} cases/s, ` +
          `${run.transitionsPerSecond} transitions/s${run.failed ? `; ${run.failed} FAILED: ${run.errors[0]}` : ''}`,
      );
      runs.push(run);
    }
    const redis = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: 3 });
    try {
      weight = await footprint(db, redis, BENCH_QUEUE_PREFIX);
    } finally {
      redis.disconnect();
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
    out(
      `floor: ${args.cases} × ${perCase} transactions, minimal pg client, concurrency ${args.concurrency}, pool ${10 * args.apis}…`,
    );
    floor = await runFloor(
      BENCH_DATABASE_URL,
      args.cases,
      perCase,
      args.concurrency,
      10 * args.apis,
      first.shape,
    );
    phase('floor', t);
  }
  const profiles: ProcessProfile[] = args.profile ? readProfiles(hookDir) : [];
  if (!args.profile) rmSync(hookDir, { recursive: true, force: true });
  const removedKeys = await clearBenchKeys();
  const result = buildResult(args, {
    startedAt,
    durationSeconds: round((performance.now() - t0) / 1000, 1),
    phases,
    loadBefore,
    busyBeforePct,
    source: sourceVersion(),
    versions,
    runs,
    memoryStart,
    floor,
    profiles,
    profileDir: args.profile ? hookDir : undefined,
    removedKeys,
    weight,
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

/** The figures of a hop the result file keeps: p50, p95, p99, mean, max (ms) and how many. */
function latencyFigures({ p50, p95, p99, mean, max, count }: Percentiles) {
  return { p50, p95, p99, mean, max, count };
}

function buildResult(
  args: BenchArgs,
  r: {
    startedAt: Date;
    durationSeconds: number;
    phases: Record<string, number>;
    loadBefore: number[];
    busyBeforePct: number;
    source: { commit: string; uncommittedProductFiles: string[] };
    versions: { postgres: string; redis: string };
    runs: RunSummary[];
    memoryStart: Record<string, MemorySample>;
    floor: FloorResult | null;
    profiles: ProcessProfile[];
    profileDir?: string;
    removedKeys: number;
    weight: Footprint | null;
  },
) {
  const [first, second] = r.runs;
  const perCase = first.facts.transitionsPerCase;
  const floorTps = r.floor?.transactionsPerSecond ?? null;
  const growth = (a: number, b: number | null) => (b === null ? null : round(((b - a) / a) * 100));
  const rssMb = Object.fromEntries(
    Object.keys(r.memoryStart).map((label) => {
      const afterRun1 = first.memoryAfter[label].rssMb;
      const afterRun2 = second?.memoryAfter[label].rssMb ?? null;
      return [
        label,
        {
          start: r.memoryStart[label].rssMb,
          afterRun1,
          afterRun2,
          growthRun1ToRun2Pct: growth(afterRun1, afterRun2),
        },
      ];
    }),
  );
  const heapAfterGcMb = Object.fromEntries(
    Object.keys(r.memoryStart).map((label) => {
      const afterRun1 = first.memoryAfter[label].heapUsedAfterGcMb;
      const afterRun2 = second?.memoryAfter[label].heapUsedAfterGcMb ?? null;
      return [
        label,
        {
          start: r.memoryStart[label].heapUsedAfterGcMb,
          afterRun1,
          afterRun2,
          growthRun1ToRun2Pct: growth(afterRun1, afterRun2),
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
    /** The same two rates as if each had had the machine's cores to itself (from CPU time per transition / transaction). */
    cpuBound: {
      transitionsPerSecond: first.cpuSeconds.cpuBoundTransitionsPerSecond,
      floorTransactionsPerSecond: r.floor?.cpuBoundTransactionsPerSecond ?? null,
      ratio: r.floor
        ? round(first.cpuSeconds.cpuBoundTransitionsPerSecond / r.floor.cpuBoundTransactionsPerSecond, 3)
        : null,
    },
    latencyMs: Object.fromEntries(Object.entries(first.latencyMs).map(([k, p]) => [k, latencyFigures(p)])),
    hopLatencyMs: {
      ...latencyFigures(hop),
      source:
        'case_events.occurred_at FORWARD → TRANSFER_DELIVERED (the parcel tracking job saw the delivered leg)',
    },
    checkedInHopLatencyMs: {
      ...latencyFigures(first.facts.hopCheckedInMs),
      source:
        'case_events.occurred_at FORWARD → CHECK_IN (the officer checked the parcel in: papers in the inbox)',
    },
    rssMb,
    heapAfterGcMb,
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
      /** CPU busy % of the whole machine over 2 s with api and worker idle, just before run 1. */
      busyBeforeRunPct: r.busyBeforePct,
    },
    source: r.source,
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
    footprint: r.weight,
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
