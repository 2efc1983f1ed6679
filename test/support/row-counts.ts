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
  'notices',
] as const;

/**
 * Row counts of every case table; with `caseId`, only that case's rows (idempotency keys, which
 * name no case, whole), so the jobs of other cases running meanwhile do not count.
 */
export async function rowCounts(dataSource: DataSource, caseId?: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CASE_TABLES) {
    const column = table === 'applications' ? 'id' : 'application_id';
    const [{ n }] =
      caseId === undefined || table === 'idempotency_keys'
        ? await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)
        : await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [caseId]);
    counts[table] = n;
  }
  return counts;
}

/** Row counts grouped by a column, e.g. events per case: `sql` selects `k` (the group) and `n`. */
export async function countBy(db: Pool, sql: string, params: unknown[] = []): Promise<Map<string, number>> {
  const { rows } = await db.query<{ k: string; n: number }>(sql, params);
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}
