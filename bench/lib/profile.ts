import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentiles, type Percentiles } from './stats';

/**
 * Reads what hooks/profile-hook.cjs wrote for each process and sums it up: CPU self-time by
 * category (from the .cpuprofile) and wall time per SQL statement, pool wait and enqueue (from
 * the .timing.json).
 */

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Which category a package (or file) belongs to. Order matters: the first match wins. */
const CATEGORIES: [string, RegExp][] = [
  [
    'validation (class-validator, class-transformer)',
    /node_modules\/(class-validator|class-transformer|validator|libphonenumber-js)\//,
  ],
  ['ORM (typeorm)', /node_modules\/typeorm\//],
  [
    'pg driver (pg, pg-protocol, pg-types)',
    /node_modules\/(pg|pg-protocol|pg-types|pg-pool|pg-connection-string|postgres-[\w-]+|pgpass|buffer-writer|packet-reader)\//,
  ],
  ['machine (xstate)', /node_modules\/xstate\//],
  [
    'enqueue / queue (bullmq, ioredis, msgpackr)',
    /node_modules\/(bullmq|ioredis|@ioredis|msgpackr|cron-parser|denque|cluster-key-slot|redis-[\w-]+|standard-as-callback)\//,
  ],
  [
    'logging (pino, nestjs-pino, pino-http)',
    /node_modules\/(pino|pino-http|nestjs-pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|on-exit-leak-free|quick-format-unescaped|safe-stable-stringify|atomic-sleep|@pinojs)\//,
  ],
  [
    'HTTP framework (fastify, helmet, @nestjs/*, rxjs)',
    /node_modules\/(fastify|@fastify\/[\w-]+|find-my-way|light-my-request|avvio|fast-json-stringify|secure-json-parse|fast-querystring|fast-uri|abstract-logging|process-warning|rfdc|toad-cache|helmet|@nestjs\/[\w-]+|rxjs|reflect-metadata|iterare|tslib|path-to-regexp|fast-decode-uri-component|ret|safe-regex2|content-type|proxy-addr|ipaddr\.js|forwarded)\//,
  ],
  ['our code (dist bundle: libs/*, apps/*)', /dist\/apps\/\w+\/main\.js/],
  ['bench hook', /bench\/hooks\//],
  ['other node_modules', /node_modules\//],
  ['node: crypto', /^node:(internal\/)?crypto/],
  [
    'node: net / http / streams / timers (I/O)',
    /^node:(internal\/)?(net|http|_http|stream|streams|timers|dns|tls|buffer|events|async_hooks|process\/task_queues)/,
  ],
  ['node: other internals', /^node:/],
];

const SPECIAL: Record<string, string> = {
  '(garbage collector)': 'GC',
  '(idle)': 'idle',
  '(program)': 'native / V8 (program)',
  '(root)': 'native / V8 (program)',
};

function categorizeUrl(url: string): string {
  for (const [name, re] of CATEGORIES) if (re.test(url)) return name;
  return 'other';
}

/**
 * The category of a sample's frame. V8 builtins and native functions (JSON.parse, RegExp exec,
 * Array sort, …) have no URL: their time counts for the nearest caller that has one, so it lands
 * where the work was asked for (typeorm's JSON.parse, class-validator's regexps).
 */
function categorize(
  node: CpuProfileNode,
  parent: Map<number, CpuProfileNode>,
): { category: string; native: boolean } {
  const frame = node.callFrame;
  if (frame.url) return { category: categorizeUrl(frame.url), native: false };
  if (SPECIAL[frame.functionName]) return { category: SPECIAL[frame.functionName], native: false };
  for (let p = parent.get(node.id); p; p = parent.get(p.id)) {
    if (p.callFrame.url) return { category: categorizeUrl(p.callFrame.url), native: true };
  }
  return { category: 'native / V8 builtins (no JS caller)', native: true };
}

/** Where one process's CPU went, ms and % of its busy (non-idle) time. */
export interface CpuBreakdown {
  label: string;
  windowMs: number;
  sampledMs: number;
  busyMs: number;
  /** Self time of builtins and native functions, counted for their nearest JS caller's category. */
  nativeAttributedMs: number;
  categories: { category: string; ms: number; pctOfBusy: number }[];
  topFunctions: { fn: string; where: string; category: string; ms: number; pctOfBusy: number }[];
}

export function cpuBreakdown(label: string, profile: CpuProfile, windowMs: number): CpuBreakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, CpuProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  let nativeUs = 0;
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const categories = new Map<string, number>();
  const functions = new Map<string, { fn: string; where: string; category: string; us: number }>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { category, native } = categorize(node, parent);
    if (native) nativeUs += us;
    categories.set(category, (categories.get(category) ?? 0) + us);
    total += us;
    const where = node.callFrame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*\/dist\//, 'dist/');
    const key = `${node.callFrame.functionName}@${where}:${node.callFrame.lineNumber}@${category}`;
    const f = functions.get(key) ?? {
      fn: node.callFrame.functionName || '(anonymous)',
      where: where ? `${where}:${node.callFrame.lineNumber + 1}` : '(native)',
      category,
      us: 0,
    };
    f.us += us;
    functions.set(key, f);
  }
  const idle = categories.get('idle') ?? 0;
  const busy = total - idle;
  const pct = (us: number) => Math.round((us / busy) * 1000) / 10;
  return {
    label,
    windowMs,
    sampledMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    nativeAttributedMs: Math.round(nativeUs / 1000),
    categories: [...categories]
      .filter(([c]) => c !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .map(([category, us]) => ({ category, ms: Math.round(us / 1000), pctOfBusy: pct(us) })),
    topFunctions: [...functions.values()]
      .filter((f) => f.category !== 'idle')
      .sort((a, b) => b.us - a.us)
      .slice(0, 25)
      .map((f) => ({
        fn: f.fn,
        where: f.where,
        category: f.category,
        ms: Math.round(f.us / 1000),
        pctOfBusy: pct(f.us),
      })),
  };
}

/** Wall time of one kind of statement (or pool wait, or enqueue) in one process. */
export interface TimingLine extends Percentiles {
  key: string;
  totalMs: number;
  example: string | null;
}

export interface ProcessProfile {
  label: string;
  cpu: CpuBreakdown;
  timing: TimingLine[];
}

/** Reads every <label>.cpuprofile / .timing.json pair in `dir`. */
export function readProfiles(dir: string): ProcessProfile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.timing.json'))
    .sort()
    .map((f) => {
      const label = f.replace(/\.timing\.json$/, '');
      const timing = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        windowMs: number;
        timing: Record<string, { samples: number[]; example: string | null }>;
      };
      const profile = JSON.parse(readFileSync(join(dir, `${label}.cpuprofile`), 'utf8')) as CpuProfile;
      return {
        label,
        cpu: cpuBreakdown(label, profile, timing.windowMs),
        timing: Object.entries(timing.timing)
          .map(([key, { samples, example }]) => ({
            key,
            ...percentiles(samples),
            totalMs: Math.round(samples.reduce((s, x) => s + x, 0)),
            example,
          }))
          .sort((a, b) => b.totalMs - a.totalMs),
      };
    });
}
