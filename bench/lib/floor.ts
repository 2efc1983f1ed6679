import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { Pool, type PoolClient } from 'pg';
import { BENCH_PATH } from './lifecycle';
import { percentiles, runLanes, type Percentiles } from './stats';
import { CpuMeter } from './system';

/**
 * The floor: what this machine's PostgreSQL does with the writes of a transition and nothing
 * else. A minimal `pg` client runs the same number of transactions, at the same concurrency and
 * pool size as the api, each doing what CaseService.apply must do at least:
 *
 *   BEGIN
 *   SELECT the case row
 *   UPDATE the case SET state, snapshot (jsonb of the real size), version + 1 WHERE id AND version
 *   INSERT an audit row (payload of the real size, sha256 hex hash chained to the previous one)
 *   INSERT an outbox row
 *   COMMIT
 *
 * on its own tables in the bench database, shaped like `applications`, `case_events` and `outbox`
 * (same column types, the same unique constraints and the same indexes on the columns written),
 * so the floor pays the same index and WAL work per write.
 */

/** Sizes, in bytes of JSON text, of what a real transition wrote (measured after the lifecycle run). */
export interface FloorShape {
  snapshotBytes: number;
  auditPayloadBytes: number;
  outboxPayloadBytes: number;
}

export interface FloorResult {
  transactions: number;
  cases: number;
  transactionsPerCase: number;
  concurrency: number;
  poolSize: number;
  wallSeconds: number;
  transactionsPerSecond: number;
  latencyMs: Percentiles;
  /** Pool-checkout + statements + commit as seen by the client; no HTTP, no ORM, no machine. */
  statementsPerTransaction: number;
  /** CPU of the floor's PostgreSQL backends and of its client (this process), per transaction, ms. */
  cpuPerTransactionMs: { postgresBackends: number; client: number };
  cpuSeconds: {
    postgresBackends: number;
    postgresBackground: number;
    client: number;
    machineBusy: number;
    machineCapacity: number;
  };
  /** cores × 1000 ÷ CPU ms per transaction (backends + background + client): the floor on an otherwise idle machine. */
  cpuBoundTransactionsPerSecond: number;
}

/** The states the floor's transitions move a case through: those of a bench case, in order. */
const STATES = [BENCH_PATH.received, ...Object.values(BENCH_PATH.after)];

/** A JSON object whose text is about `bytes` long. */
function filler(bytes: number, seed: string): Record<string, unknown> {
  const base = { seed, note: '' };
  const overhead = JSON.stringify(base).length;
  return { ...base, note: 'x'.repeat(Math.max(0, bytes - overhead)) };
}

/** Creates (or empties) the floor's tables. */
export async function prepareFloor(pool: Pool): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS floor_outbox, floor_events, floor_cases`);
  await pool.query(`
    CREATE TABLE floor_cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      jurisdiction_code text NOT NULL,
      window_code text NOT NULL,
      state text NOT NULL,
      snapshot jsonb NOT NULL,
      version int NOT NULL CHECK (version > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  await pool.query(`CREATE INDEX floor_cases_inbox_idx ON floor_cases (jurisdiction_code, state)`);
  await pool.query(`CREATE INDEX floor_cases_window_idx ON floor_cases (window_code, state)`);
  await pool.query(`
    CREATE TABLE floor_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES floor_cases (id),
      seq int NOT NULL,
      event_id text,
      type text NOT NULL,
      from_state text,
      to_state text NOT NULL,
      actor_role text NOT NULL,
      actor_id text NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      prev_hash text,
      hash text NOT NULL,
      UNIQUE (case_id, seq),
      UNIQUE (case_id, event_id)
    )`);
  await pool.query(`
    CREATE TABLE floor_outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES floor_cases (id),
      queue text NOT NULL,
      payload jsonb NOT NULL,
      delay_ms bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      claimed_until timestamptz,
      published_at timestamptz,
      job_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE
    )`);
  await pool.query(
    `CREATE INDEX floor_outbox_unpublished_idx ON floor_outbox (id) WHERE published_at IS NULL`,
  );
}

/** One transition of the floor: the statements above, in one transaction. */
async function transition(
  db: PoolClient,
  caseId: string,
  step: number,
  shape: FloorShape,
  prevHash: string | null,
): Promise<string> {
  await db.query('BEGIN');
  try {
    const { rows } = await db.query<{ id: string; state: string; version: number }>(
      'SELECT id, state, snapshot, version FROM floor_cases WHERE id = $1',
      [caseId],
    );
    const current = rows[0];
    const toState = STATES[step % STATES.length];
    const updated = await db.query(
      `UPDATE floor_cases SET state = $2, snapshot = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $4`,
      [caseId, toState, filler(shape.snapshotBytes, `${caseId}/${step}`), current.version],
    );
    if (updated.rowCount !== 1) throw new Error('floor: version check failed');
    const payload = filler(shape.auditPayloadBytes, `${step}`);
    const occurredAt = new Date();
    const hash = createHash('sha256')
      .update(JSON.stringify({ caseId, seq: current.version + 1, toState, payload, occurredAt, prevHash }))
      .digest('hex');
    await db.query(
      `INSERT INTO floor_events (case_id, seq, event_id, type, from_state, to_state, actor_role, actor_id,
                                 payload, occurred_at, prev_hash, hash)
       VALUES ($1, $2, NULL, $3, $4, $5, 'clerk', 'clerk-floor', $6, $7, $8, $9)`,
      [
        caseId,
        current.version + 1,
        `STEP_${step}`,
        current.state,
        toState,
        payload,
        occurredAt,
        prevHash,
        hash,
      ],
    );
    await db.query(
      `INSERT INTO floor_outbox (case_id, queue, payload, delay_ms) VALUES ($1, 'courier', $2, 0)`,
      [caseId, filler(shape.outboxPayloadBytes, caseId)],
    );
    await db.query('COMMIT');
    return hash;
  } catch (e) {
    await db.query('ROLLBACK');
    throw e;
  }
}

/**
 * Runs `cases` × `transactionsPerCase` floor transactions, `concurrency` lanes over a pool of
 * `poolSize` connections; each lane takes a case and runs its transitions one after another, as
 * a case goes through the api (no two transactions on one row at once).
 */
export async function runFloor(
  databaseUrl: string,
  cases: number,
  transactionsPerCase: number,
  concurrency: number,
  poolSize: number,
  shape: FloorShape,
): Promise<FloorResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'bench-floor' });
  try {
    await prepareFloor(pool);
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO floor_cases (jurisdiction_code, window_code, state, snapshot, version)
       SELECT 'J340100-RSJ', 'W330903', $3, $2::jsonb, 1 FROM generate_series(1, $1)
       RETURNING id`,
      [cases, JSON.stringify(filler(shape.snapshotBytes, 'initial')), BENCH_PATH.received],
    );
    await pool.query('VACUUM ANALYZE floor_cases');
    // open the pool's connections before the clock starts, as the api's pool is open when it serves
    const warm = await Promise.all(Array.from({ length: poolSize }, () => pool.connect()));
    const { rows: backends } = await warm[0].query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = 'bench-floor'`,
    );
    const { rows: background } = await warm[0].query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE backend_type <> 'client backend'`,
    );
    warm.forEach((c) => c.release());
    const meter = new CpuMeter();
    meter.begin([...backends, ...background].map((b) => b.pid));

    const latencies: number[] = [];
    const started = performance.now();
    await runLanes(cases, concurrency, async (index) => {
      let prevHash: string | null = null;
      for (let step = 1; step <= transactionsPerCase; step++) {
        const t0 = performance.now();
        const db = await pool.connect();
        try {
          prevHash = await transition(db, rows[index].id, step, shape, prevHash);
        } finally {
          db.release();
        }
        latencies.push(performance.now() - t0);
      }
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = meter.end({
      postgresBackends: backends.map((b) => b.pid),
      postgresBackground: background.map((b) => b.pid),
    });
    const transactions = cases * transactionsPerCase;
    const perTx = (s: number) => Math.round((s * 1e6) / transactions) / 1000;
    return {
      transactions,
      cases,
      transactionsPerCase,
      concurrency,
      poolSize,
      wallSeconds: Math.round(wallSeconds * 100) / 100,
      transactionsPerSecond: Math.round(transactions / wallSeconds),
      latencyMs: percentiles(latencies),
      statementsPerTransaction: 6,
      cpuPerTransactionMs: {
        postgresBackends: perTx(cpu.groups.postgresBackends),
        client: perTx(cpu.loadGenerator),
      },
      cpuBoundTransactionsPerSecond: Math.round(
        (cpus().length * transactions) /
          Math.max(0.001, cpu.groups.postgresBackends + cpu.groups.postgresBackground + cpu.loadGenerator),
      ),
      cpuSeconds: {
        postgresBackends: cpu.groups.postgresBackends,
        postgresBackground: cpu.groups.postgresBackground,
        client: cpu.loadGenerator,
        machineBusy: cpu.machineBusy,
        machineCapacity: cpu.machineCapacity,
      },
    };
  } finally {
    await pool.end();
  }
}
