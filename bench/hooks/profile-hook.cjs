'use strict';
/**
 * Preloaded into the api and the worker by `npm run bench -- --profile` (NODE_OPTIONS=--require),
 * so no product code changes. It starts when the file `start` appears in BENCH_PROFILE_DIR and
 * stops when `stop` appears (a signal would not do: Nest's enableShutdownHooks() exits on SIGUSR2
 * too), then writes, under BENCH_PROFILE_DIR with the name BENCH_PROFILE_LABEL:
 *   <label>.cpuprofile  V8 CPU profile (sampled every 500 µs) of the measured window
 *   <label>.timing.json wall time of every SQL statement (pg Client#query, from the call to its
 *                       result: round trip + server time), of waiting for a pool connection
 *                       (pg Pool#connect) and of every BullMQ Queue#add (the relay's enqueue)
 * Statements are grouped by verb and table ("UPDATE applications", "COMMIT", …).
 */
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const outDir = process.env.BENCH_PROFILE_DIR;
const label = process.env.BENCH_PROFILE_LABEL || `pid-${process.pid}`;
const fromApp = (name) => require(require.resolve(name, { paths: [process.cwd()] }));

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
  const sql = String(text || '').replace(/\s+/g, ' ').trim();
  const verb = (sql.match(/^\w+/) || ['?'])[0].toUpperCase();
  if (verb === 'START' || verb === 'BEGIN') return 'BEGIN';
  if (verb === 'COMMIT' || verb === 'ROLLBACK') return verb;
  let table;
  if (verb === 'SELECT') {
    const exists = /^SELECT EXISTS/i.test(sql) || /SELECT 1 AS "row_exists"/i.test(sql);
    const from = sql.match(/\bFROM "?(\w+)"?/i);
    table = from ? from[1] : sql.slice(7, 40);
    return `SELECT ${table}${exists ? ' (exists)' : ''}`;
  }
  const m = sql.match(/^(?:INSERT INTO|UPDATE|DELETE FROM) "?(\w+)"?/i);
  table = m ? m[1] : '';
  return `${verb} ${table}`.trim();
}

function patchPg() {
  let pg;
  try {
    pg = fromApp('pg');
  } catch {
    return;
  }
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function patchedQuery(config, values, callback) {
    if (!recording) return query.apply(this, arguments);
    const text = typeof config === 'string' ? config : config && config.text;
    const started = process.hrtime.bigint();
    const done = () => record(statementKey(text), Number(process.hrtime.bigint() - started) / 1e6, text);
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
    const done = () => record('pool.connect (wait for a connection)', Number(process.hrtime.bigint() - started) / 1e6);
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
    const done = () => record('bullmq Queue.add (enqueue)', Number(process.hrtime.bigint() - started) / 1e6);
    result.then(done, done);
    return result;
  };
}

patchPg();
patchBullmq();

const session = new inspector.Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params || {}, (err, res) => (err ? reject(err) : resolve(res))),
  );

let phase = 'idle';
let windowStarted = 0;

function start() {
  phase = 'starting';
  return post('Profiler.enable')
    .then(() => post('Profiler.setSamplingInterval', { interval: 500 }))
    .then(() => post('Profiler.start'))
    .then(() => {
      samples.clear();
      recording = true;
      windowStarted = Date.now();
      phase = 'profiling';
      fs.writeFileSync(path.join(outDir, `${label}.started`), String(process.pid));
    });
}

function stop() {
  phase = 'stopping';
  recording = false;
  const windowMs = Date.now() - windowStarted;
  return post('Profiler.stop').then(({ profile }) => {
    fs.writeFileSync(path.join(outDir, `${label}.cpuprofile`), JSON.stringify(profile));
    const timing = {};
    for (const [key, list] of samples) timing[key] = { samples: list, example: examples.get(key) || null };
    fs.writeFileSync(
      path.join(outDir, `${label}.timing.json`),
      JSON.stringify({ label, pid: process.pid, windowMs, timing }),
    );
    fs.writeFileSync(path.join(outDir, `${label}.done`), String(process.pid));
    phase = 'done';
  });
}

const control = setInterval(() => {
  if (phase === 'idle' && fs.existsSync(path.join(outDir, 'start'))) void start();
  else if (phase === 'profiling' && fs.existsSync(path.join(outDir, 'stop'))) void stop();
  else if (phase === 'done') clearInterval(control);
}, 20);
control.unref();
