import type { BenchResult } from '../main';

const out = (line = '') => process.stdout.write(`${line}\n`);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const num = (s: string | number | null, n: number) => String(s ?? '–').padStart(n);
const yes = (x: boolean | null) => (x === null ? 'n/a' : x ? 'HOLDS' : 'MISSED');

/** Prints the result as the tables of issue 6. */
export function printReport(r: BenchResult): void {
  const [run1, run2] = r.runs;
  out();
  out(
    `═══ lifecycle benchmark: ${r.cases} cases, concurrency ${r.concurrency}, ${r.apis} api / ${r.workers} worker ═══`,
  );
  out(
    `machine: ${r.machine.cpus} cores, node ${r.machine.node}, PostgreSQL ${r.machine.postgres}, Redis ${r.machine.redis}; load average before ${r.machine.loadAverageBefore.join(' ')}, ${r.machine.busyBeforeRunPct} % busy just before run 1`,
  );
  out(
    `code: ${r.source.commit}${r.source.uncommittedProductFiles.length ? ` + ${r.source.uncommittedProductFiles.length} uncommitted product files` : ''}`,
  );
  out();
  out(`${pad('', 34)}${num('run 1', 12)}${num(run2 ? 'run 2' : '', 12)}`);
  const row = (label: string, a: string | number | null, b?: string | number | null) =>
    out(`${pad(label, 34)}${num(a, 12)}${num(run2 ? (b ?? null) : '', 12)}`);
  row('cases delivered', `${run1.completed}/${run1.cases}`, run2 && `${run2.completed}/${run2.cases}`);
  row('wall time, s', run1.wallSeconds, run2?.wallSeconds);
  row('cases / s (full lifecycle)', run1.casesPerSecond, run2?.casesPerSecond);
  row('transitions / s', run1.transitionsPerSecond, run2?.transitionsPerSecond);
  row('transitions / case (audit rows)', run1.facts.transitionsPerCase, run2?.facts.transitionsPerCase);
  row('HTTP requests / s', run1.httpRequestsPerSecond, run2?.httpRequestsPerSecond);
  row('status polls / case', run1.pollsPerCase, run2?.pollsPerCase);
  row('hop FORWARD→delivered leg p50, ms', run1.facts.hopMs.p50, run2?.facts.hopMs.p50);
  row('hop FORWARD→delivered leg p99, ms', run1.facts.hopMs.p99, run2?.facts.hopMs.p99);
  row('  of which → published p50, ms', run1.facts.hopRelayMs.p50, run2?.facts.hopRelayMs.p50);
  row('  of which → applied p50, ms', run1.facts.hopQueueAndApplyMs.p50, run2?.facts.hopQueueAndApplyMs.p50);
  row('hop FORWARD→checked in p50, ms', run1.facts.hopCheckedInMs.p50, run2?.facts.hopCheckedInMs.p50);
  row('  delivered → checked in p50, ms', run1.facts.hopCheckInMs.p50, run2?.facts.hopCheckInMs.p50);
  row(
    'result hop p50 / p99, ms',
    `${run1.facts.resultHopMs.p50}/${run1.facts.resultHopMs.p99}`,
    run2 && `${run2.facts.resultHopMs.p50}/${run2.facts.resultHopMs.p99}`,
  );
  row('client hop (poll) p50, ms', run1.clientHopMs.p50, run2?.clientHopMs.p50);
  for (const [group, ms] of Object.entries(run1.cpuSeconds.perTransitionMs)) {
    row(`CPU ms / transition: ${group}`, ms, run2?.cpuSeconds.perTransitionMs[group]);
  }
  row(
    'CPU ms / transition: all of ours',
    run1.cpuSeconds.totalPerTransitionMs,
    run2?.cpuSeconds.totalPerTransitionMs,
  );
  row(
    '→ CPU-bound transitions / s',
    run1.cpuSeconds.cpuBoundTransitionsPerSecond,
    run2?.cpuSeconds.cpuBoundTransitionsPerSecond,
  );
  row('CPU s elsewhere on the machine', run1.cpuSeconds.elsewhere, run2?.cpuSeconds.elsewhere);
  out();
  out(
    `${pad('latency (run 1), ms', 46)}${num('count', 7)}${num('p50', 8)}${num('p95', 8)}${num('p99', 8)}${num('max', 8)}`,
  );
  for (const [endpoint, p] of Object.entries(r.latencyMs)) {
    out(
      `${pad(endpoint, 46)}${num(p.count, 7)}${num(p.p50, 8)}${num(p.p95, 8)}${num(p.p99, 8)}${num(p.max, 8)}`,
    );
  }
  out();
  if (r.floor) {
    out(
      `floor (minimal pg, ${r.floor.transactions} tx, pool ${r.floor.poolSize}, concurrency ${r.floor.concurrency}): ` +
        `${r.floor.transactionsPerSecond} tx/s, p50 ${r.floor.latencyMs.p50} ms, p99 ${r.floor.latencyMs.p99} ms ` +
        `→ ${r.floorCasesPerSecond} cases/s at ${r.transitionsPerCase} transitions/case`,
    );
    out(
      `floor CPU per transaction: PostgreSQL backends ${r.floor.cpuPerTransactionMs.postgresBackends} ms, ` +
        `pg client ${r.floor.cpuPerTransactionMs.client} ms; machine ${r.floor.cpuSeconds.machineBusy} of ${r.floor.cpuSeconds.machineCapacity} CPU s busy`,
    );
    out(`ratio (lifecycle transitions/s ÷ floor tx/s): ${r.ratio}`);
    out(
      `CPU-bound (as if the cores were ours alone): lifecycle ${r.cpuBound.transitionsPerSecond} transitions/s, ` +
        `floor ${r.cpuBound.floorTransactionsPerSecond} tx/s, ratio ${r.cpuBound.ratio}`,
    );
  }
  out();
  out(`${pad('RSS, MB', 12)}${num('start', 9)}${num('run 1', 9)}${num('run 2', 9)}${num('growth %', 10)}`);
  for (const [label, m] of Object.entries(r.rssMb)) {
    out(
      `${pad(label, 12)}${num(m.start, 9)}${num(m.afterRun1, 9)}${num(m.afterRun2, 9)}${num(m.growthRun1ToRun2Pct, 10)}`,
    );
  }
  out(
    `${pad('heap after GC', 12)}${num('start', 9)}${num('run 1', 9)}${num('run 2', 9)}${num('growth %', 10)}`,
  );
  for (const [label, m] of Object.entries(r.heapAfterGcMb)) {
    out(
      `${pad(label, 12)}${num(m.start, 9)}${num(m.afterRun1, 9)}${num(m.afterRun2, 9)}${num(m.growthRun1ToRun2Pct, 10)}`,
    );
  }
  if (r.footprint) {
    out(
      `footprint after both runs: PostgreSQL ${r.footprint.postgresTotalBytesPerCase} B/case (` +
        Object.entries(r.footprint.postgresBytesPerCase)
          .map(([t, b]) => `${t} ${b}`)
          .join(', ') +
        `); Redis ${r.footprint.redisKeys} keys, ${r.footprint.redisBytesPerCase} B/case`,
    );
  }
  out();
  out(
    `target throughput (${r.targets.throughput.rule}): need ${r.targets.throughput.required}, got ${r.targets.throughput.actual} → ${yes(r.targets.throughput.holds)}`,
  );
  out(
    `target p99 (${r.targets.p99.rule}): worst ${r.targets.p99.worst.endpoint} ${r.targets.p99.worst.p99} ms → ${yes(r.targets.p99.holds)}`,
  );
  out(
    `target memory (${r.targets.memory.rule}): max ${r.targets.memory.maxGrowthPct} % → ${yes(r.targets.memory.holds)}`,
  );
  if (r.profile) {
    out();
    for (const p of r.profile.processes) {
      out(`profile ${p.label}: ${p.cpu.busyMs} ms CPU busy in a ${p.cpu.windowMs} ms window`);
      for (const c of p.cpu.categories.slice(0, 12))
        out(`  ${pad(c.category, 52)}${num(c.ms, 8)} ms ${num(c.pctOfBusy, 6)} %`);
      out(
        `  ${pad('statement / wait (wall time)', 52)}${num('count', 8)}${num('mean', 8)}${num('p99', 8)}${num('total ms', 10)}`,
      );
      for (const s of p.timing.slice(0, 14))
        out(`  ${pad(s.key, 52)}${num(s.count, 8)}${num(s.mean, 8)}${num(s.p99, 8)}${num(s.totalMs, 10)}`);
    }
  }
  out();
  out(
    `total duration ${r.durationSeconds} s (${Object.entries(r.phasesSeconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
}
