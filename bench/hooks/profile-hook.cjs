'use strict';
/**
 * Preloaded into every api and worker process by `npm run bench` (NODE_OPTIONS=--require), so no
 * product code changes. It watches BENCH_HOOK_DIR for control files written by the bench (a signal
 * would not do: Nest's enableShutdownHooks() exits on SIGUSR2 too) and answers with files named
 * after BENCH_HOOK_LABEL:
 *
 *   mem-<tag>  → <label>.mem-<tag>.json: RSS, then a full GC (inspector HeapProfiler.collectGarbage)
 *                and the V8 heap still in use after it, the figure that shows a leak
 *   start      → (BENCH_PROFILE=1 only) starts the CPU profiler (sampling every 500 µs) and the
 *                timers, then writes <label>.started
 *   stop       → writes <label>.cpuprofile, <label>.timing.json (wall time of every SQL statement:
 *                pg Client#query from the call to its result; of waiting for a pool connection:
 *                pg Pool#connect; of every BullMQ Queue#add), then <label>.done
 *
 * Without BENCH_PROFILE=1 nothing is patched and the hook only looks for files every 20 ms.
 */
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_HOOK_DIR;
const label = process.env.BENCH_HOOK_LABEL || `pid-${process.pid}`;
const profiling = process.env.BENCH_PROFILE === '1';
const fromApp = (name) => require(require.resolve(name, { paths: [process.cwd()] }));
const file = (name) => path.join(dir, name);

let recording = false;
const samples = new Map();
const examples = new Map();
function record(key, ms, example) {
  let list = samples.get(key);
  if (!list) {
    samples.set(key, (list = []));
    if (example) examples.set(key, example.replace(/\s+/g, ' ').slice(0, 240));
  }
  list.push(ms);
}

/** "UPDATE applications", "SELECT case_events", "COMMIT", … */
function statementKey(text) {
  const sql = String(text || '')
    .replace(/\s+/g, ' ')
    .trim();
  const verb = (sql.match(/^\w+/) || ['?'])[0].toUpperCase();
  if (verb === 'START' || verb === 'BEGIN') return 'BEGIN';
  if (verb === 'COMMIT' || verb === 'ROLLBACK') return verb;
  if (verb === 'SELECT') {
    const exists = /^SELECT EXISTS/i.test(sql) || /SELECT 1 AS "row_exists"/i.test(sql);
    const from = sql.match(/\bFROM "?(\w+)"?/i);
    return `SELECT ${from ? from[1] : sql.slice(7, 40)}${exists ? ' (exists)' : ''}`;
  }
  const m = sql.match(/^(?:INSERT INTO|UPDATE|DELETE FROM) "?(\w+)"?/i);
  return `${verb} ${m ? m[1] : ''}`.trim();
}

const elapsedMs = (started) => Number(process.hrtime.bigint() - started) / 1e6;

function patchPg() {
  const pg = fromApp('pg');
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function patchedQuery(config, values, callback) {
    if (!recording) return query.apply(this, arguments);
    const text = typeof config === 'string' ? config : config && config.text;
    const started = process.hrtime.bigint();
    const done = () => record(statementKey(text), elapsedMs(started), text);
    const args = Array.from(arguments);
    const cbIndex = typeof values === 'function' ? 1 : typeof callback === 'function' ? 2 : -1;
    if (cbIndex >= 0) {
      const cb = args[cbIndex];
      args[cbIndex] = function timed() {
        done();
        return cb.apply(this, arguments);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };
  const connect = pg.Pool.prototype.connect;
  pg.Pool.prototype.connect = function patchedConnect(cb) {
    if (!recording) return connect.apply(this, arguments);
    const started = process.hrtime.bigint();
    const done = () => record('pool.connect (wait for a connection)', elapsedMs(started));
    if (typeof cb === 'function') {
      return connect.call(this, function timed() {
        done();
        return cb.apply(this, arguments);
      });
    }
    const result = connect.apply(this, arguments);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };
}

function patchBullmq() {
  let bullmq;
  try {
    bullmq = fromApp('bullmq');
  } catch {
    return;
  }
  const add = bullmq.Queue.prototype.add;
  bullmq.Queue.prototype.add = function patchedAdd() {
    if (!recording) return add.apply(this, arguments);
    const started = process.hrtime.bigint();
    const result = add.apply(this, arguments);
    const done = () => record('bullmq Queue.add (enqueue)', elapsedMs(started));
    result.then(done, done);
    return result;
  };
}

if (profiling) {
  patchPg();
  patchBullmq();
}

const session = new inspector.Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params || {}, (err, res) => (err ? reject(err) : resolve(res))),
  );

let phase = 'idle';
let busy = false;
let windowStarted = 0;
const memDone = new Set();

async function memory(tag) {
  const rss = process.memoryUsage.rss();
  await post('HeapProfiler.enable');
  await post('HeapProfiler.collectGarbage');
  await post('HeapProfiler.disable');
  const m = process.memoryUsage();
  const mb = (x) => Math.round((x / 1048576) * 10) / 10;
  fs.writeFileSync(
    file(`${label}.mem-${tag}.json`),
    JSON.stringify({
      rssMb: mb(rss),
      rssAfterGcMb: mb(m.rss),
      heapUsedAfterGcMb: mb(m.heapUsed),
      heapTotalMb: mb(m.heapTotal),
      externalMb: mb(m.external),
    }),
  );
}

async function start() {
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  samples.clear();
  recording = true;
  windowStarted = Date.now();
  phase = 'profiling';
  fs.writeFileSync(file(`${label}.started`), String(process.pid));
}

async function stop() {
  recording = false;
  const windowMs = Date.now() - windowStarted;
  const { profile } = await post('Profiler.stop');
  fs.writeFileSync(file(`${label}.cpuprofile`), JSON.stringify(profile));
  const timing = {};
  for (const [key, list] of samples) timing[key] = { samples: list, example: examples.get(key) || null };
  fs.writeFileSync(
    file(`${label}.timing.json`),
    JSON.stringify({ label, pid: process.pid, windowMs, timing }),
  );
  phase = 'done';
  fs.writeFileSync(file(`${label}.done`), String(process.pid));
}

async function poll() {
  if (profiling && phase === 'idle' && fs.existsSync(file('start'))) return start();
  if (profiling && phase === 'profiling' && fs.existsSync(file('stop'))) return stop();
  for (const name of fs.readdirSync(dir)) {
    const m = /^mem-([\w-]+)$/.exec(name);
    if (m && !memDone.has(m[1])) {
      memDone.add(m[1]);
      await memory(m[1]);
    }
  }
}

if (dir) {
  setInterval(() => {
    if (busy) return;
    busy = true;
    poll()
      .catch((e) => process.stderr.write(`bench hook: ${e.message}\n`))
      .finally(() => (busy = false));
  }, 20).unref();
}
