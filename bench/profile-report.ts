import { readProfiles } from './lib/profile';

/**
 * Prints a profile directory written by `npm run bench -- --profile` in full: every CPU category
 * and the top functions of each process, and every statement timing.
 *   npx ts-node -r tsconfig-paths/register bench/profile-report.ts bench/results/profile-<time>
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: bench/profile-report.ts <profile directory>');
const out = (line = '') => process.stdout.write(`${line}\n`);
for (const p of readProfiles(dir)) {
  out(
    `${p.label}: ${p.cpu.busyMs} ms CPU busy in a ${p.cpu.windowMs} ms window (${p.cpu.nativeAttributedMs} ms of builtins counted for their JS caller)`,
  );
  for (const c of p.cpu.categories)
    out(`  ${c.category.padEnd(56)}${String(c.ms).padStart(7)} ms ${String(c.pctOfBusy).padStart(5)} %`);
  out('  top functions (self time):');
  for (const f of p.cpu.topFunctions) {
    out(
      `    ${f.fn.slice(0, 34).padEnd(35)}${f.where.slice(0, 58).padEnd(59)}${f.category.slice(0, 22).padEnd(23)}${String(f.ms).padStart(6)} ms ${String(f.pctOfBusy).padStart(5)} %`,
    );
  }
  out('  wall time per statement / wait:');
  for (const s of p.timing) {
    out(
      `    ${s.key.padEnd(40)} n=${String(s.count).padStart(6)} mean ${String(s.mean).padStart(6)} p50 ${String(s.p50).padStart(6)} p99 ${String(s.p99).padStart(6)} total ${String(s.totalMs).padStart(7)} ms`,
    );
  }
  out();
}
