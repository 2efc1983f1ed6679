import type { Client } from 'pg';
import { percentiles, type Percentiles } from './stats';
import type { FloorShape } from './floor';
import { BENCH_PATH } from './lifecycle';

/** What the database says about the cases of one run (audit rows are the source of truth). */
export interface RunFacts {
  cases: number;
  delivered: number;
  transitions: number;
  transitionsPerCase: number;
  systemTransitions: number;
  eventsByType: Record<string, number>;
  /**
   * FORWARD → TRANSFER_DELIVERED, from case_events.occurred_at: the parcel's tracking job saw the
   * carrier's delivered leg and the case awaits check-in (before parcels: the courier job delivered it).
   */
  hopMs: Percentiles;
  /** FORWARD → the parcel's first tracking job published to Redis by the relay (outbox.published_at). */
  hopRelayMs: Percentiles;
  /** The tracking job that saw the delivered leg published → TRANSFER_DELIVERED written by the worker. */
  hopQueueAndApplyMs: Percentiles;
  /** FORWARD → CHECK_IN: the papers in the officer's inbox (the carrier's hop and the check-in). */
  hopCheckedInMs: Percentiles;
  /** TRANSFER_DELIVERED → CHECK_IN: the bench noticing the delivery (polling) and the officer's parcel read and check-in. */
  hopCheckInMs: Percentiles;
  /** DISPATCH_RESULT → RESULT_DELIVERED. */
  resultHopMs: Percentiles;
  shape: FloorShape;
}

const ms = (column: string) => `extract(epoch FROM ${column}) * 1000`;

export async function runFacts(db: Client, ids: string[]): Promise<RunFacts> {
  const one = async <T>(sql: string): Promise<T> => (await db.query(sql, [ids])).rows[0] as T;
  const numbers = async (sql: string): Promise<number[]> =>
    (await db.query<{ v: string }>(sql, [ids])).rows.map((r) => Number(r.v));

  const { delivered } = (
    await db.query<{ delivered: string }>(
      `SELECT count(*) FILTER (WHERE state = $2) AS delivered FROM applications WHERE id = ANY($1::uuid[])`,
      [ids, BENCH_PATH.after.RESULT_DELIVERED],
    )
  ).rows[0];
  const byType = (
    await db.query<{ type: string; n: string; role: string }>(
      `SELECT type, min(actor_role) AS role, count(*) AS n FROM case_events
        WHERE application_id = ANY($1::uuid[]) GROUP BY type ORDER BY min(seq)`,
      [ids],
    )
  ).rows;
  const transitions = byType.reduce((s, r) => s + Number(r.n), 0);
  const systemTransitions = byType.filter((r) => r.role === 'system').reduce((s, r) => s + Number(r.n), 0);

  const pair = (from: string, to: string, column = 'b.occurred_at') =>
    numbers(
      `SELECT ${ms(`${column} - a.occurred_at`)} AS v
         FROM case_events a JOIN case_events b ON b.application_id = a.application_id AND b.type = '${to}'
        WHERE a.type = '${from}' AND a.application_id = ANY($1::uuid[])`,
    );
  const hop = await pair('FORWARD', 'TRANSFER_DELIVERED');
  const hopCheckedIn = await pair('FORWARD', 'CHECK_IN');
  const hopCheckIn = await pair('TRANSFER_DELIVERED', 'CHECK_IN');
  const resultHop = await pair('DISPATCH_RESULT', 'RESULT_DELIVERED');
  // A bench case travels in one materials parcel (a parcel of one); its tracking jobs are outbox rows of the parcel.
  const relay = await numbers(
    `SELECT ${ms('min(o.published_at) - a.occurred_at')} AS v
       FROM case_events a
       JOIN parcel_items i ON i.application_id = a.application_id
       JOIN parcels p ON p.id = i.parcel_id AND p.leg = 'materials'
       JOIN outbox o ON o.parcel_id = p.id AND o.queue = 'parcel-tracking' AND o.published_at IS NOT NULL
      WHERE a.type = 'FORWARD' AND a.application_id = ANY($1::uuid[])
      GROUP BY a.id, a.occurred_at`,
  );
  const queueAndApply = await numbers(
    `SELECT ${ms('b.occurred_at - max(o.published_at)')} AS v
       FROM case_events b
       JOIN parcel_items i ON i.application_id = b.application_id
       JOIN parcels p ON p.id = i.parcel_id AND p.leg = 'materials'
       JOIN outbox o ON o.parcel_id = p.id AND o.queue = 'parcel-tracking' AND o.published_at <= b.occurred_at
      WHERE b.type = 'TRANSFER_DELIVERED' AND b.application_id = ANY($1::uuid[])
      GROUP BY b.id, b.occurred_at`,
  );
  const sizes = await one<{ snapshot: string; audit: string; outbox: string }>(
    `SELECT (SELECT avg(octet_length(snapshot::text)) FROM applications WHERE id = ANY($1::uuid[])) AS snapshot,
            (SELECT avg(octet_length(payload::text)) FROM case_events WHERE application_id = ANY($1::uuid[])) AS audit,
            (SELECT avg(octet_length(payload::text)) FROM outbox WHERE application_id = ANY($1::uuid[])) AS outbox`,
  );
  return {
    cases: ids.length,
    delivered: Number(delivered),
    transitions,
    transitionsPerCase: ids.length ? Math.round((transitions / ids.length) * 100) / 100 : 0,
    systemTransitions,
    eventsByType: Object.fromEntries(byType.map((r) => [r.type, Number(r.n)])),
    hopMs: percentiles(hop),
    hopRelayMs: percentiles(relay),
    hopQueueAndApplyMs: percentiles(queueAndApply),
    hopCheckedInMs: percentiles(hopCheckedIn),
    hopCheckInMs: percentiles(hopCheckIn),
    resultHopMs: percentiles(resultHop),
    shape: {
      snapshotBytes: Math.round(Number(sizes.snapshot)),
      auditPayloadBytes: Math.round(Number(sizes.audit)),
      outboxPayloadBytes: Math.round(Number(sizes.outbox)),
    },
  };
}

/** What the bench's data weighs: PostgreSQL bytes per case (tables + indexes) and the bench's Redis keys. */
export interface Footprint {
  cases: number;
  postgresBytesPerCase: Record<string, number>;
  postgresTotalBytesPerCase: number;
  redisKeys: number;
  redisBytesPerCase: number;
}

const PRODUCT_TABLES = [
  'applications',
  'case_events',
  'materials',
  'transfers',
  'outbox',
  'idempotency_keys',
  'clocks',
  'notices',
  'parcels',
  'parcel_items',
  'parcel_legs',
];

/**
 * Sizes after the runs, before the Redis keys are deleted: `pg_total_relation_size` of each
 * product table (heap, indexes, TOAST) per case, and MEMORY USAGE of every `pa-bench*` key per
 * case (completed jobs are kept 7 days).
 */
export async function footprint(
  db: Client,
  redis: import('ioredis').default,
  prefix: string,
): Promise<Footprint> {
  const { rows } = await db.query<{ t: string; bytes: string }>(
    `SELECT t, pg_total_relation_size(t::regclass) AS bytes FROM unnest($1::text[]) AS t`,
    [PRODUCT_TABLES],
  );
  const [{ n }] = (await db.query<{ n: string }>('SELECT count(*) AS n FROM applications')).rows;
  const cases = Number(n);
  const per = (bytes: number) => Math.round(bytes / Math.max(1, cases));
  let keys = 0;
  let bytes = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    const ours = batch.filter((k) => k.startsWith(prefix));
    if (ours.length) {
      const pipeline = redis.pipeline();
      for (const k of ours) pipeline.memory('USAGE', k);
      for (const [, v] of (await pipeline.exec()) ?? []) bytes += Number(v ?? 0);
      keys += ours.length;
    }
  } while (cursor !== '0');
  const total = rows.reduce((s, r) => s + Number(r.bytes), 0);
  return {
    cases,
    postgresBytesPerCase: Object.fromEntries(rows.map((r) => [r.t, per(Number(r.bytes))])),
    postgresTotalBytesPerCase: per(total),
    redisKeys: keys,
    redisBytesPerCase: per(bytes),
  };
}
