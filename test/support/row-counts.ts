import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** Tables whose rows a test may change; counted before and after bad requests. */
export const CASE_TABLES = [
  'applications',
  'materials',
  'transfers',
  'case_events',
  'outbox',
  'evaluations',
  'idempotency_keys',
  'scans',
] as const;

/** Row counts of every case table. */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CASE_TABLES) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = n;
  }
  return counts;
}

/** Row counts grouped by a column, e.g. events per case: `sql` selects `k` (the group) and `n`. */
export async function countBy(db: Pool, sql: string, params: unknown[] = []): Promise<Map<string, number>> {
  const { rows } = await db.query<{ k: string; n: number }>(sql, params);
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}
