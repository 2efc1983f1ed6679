import type { DataSource } from 'typeorm';

/**
 * Time passes for one clock: case `caseId`'s open clock of `stage` is moved `days` calendar days
 * into the past, as if its starting event had happened that much earlier (its start, the day it
 * counted from, its warning and due moments all move by the same amount). For tests of what the
 * sweep does once a warning or due moment has passed; the arithmetic of the moments themselves is
 * tested on the calendar (libs/calendar clock-period.spec.ts).
 */
export async function ageClock(ds: DataSource, caseId: string, stage: string, days: number): Promise<void> {
  // TypeORM answers an UPDATE on PostgreSQL as [rows returned, rows affected].
  const [moved]: [unknown[], number] = await ds.query(
    `UPDATE clocks SET started_at = started_at - make_interval(days => $3),
            counted_from = counted_from - $3::int, due_date = due_date - $3::int,
            due_at = due_at - make_interval(days => $3), warn_at = warn_at - make_interval(days => $3)
      WHERE application_id = $1 AND stage = $2 AND status <> 'stopped' RETURNING id`,
    [caseId, stage, days],
  );
  if (moved.length !== 1) throw new Error(`case ${caseId} has no open ${stage} clock to age`);
}

/** Case `caseId`'s clocks as stored, oldest first, for assertions. */
export function clocksOf(ds: DataSource, caseId: string): Promise<Record<string, any>[]> {
  return ds.query(
    `SELECT id, stage, party, status, outcome, budget_working_days, extended_working_days, pauses,
            to_char(counted_from, 'YYYY-MM-DD') AS counted_from, to_char(due_date, 'YYYY-MM-DD') AS due_date,
            due_at, warn_at, warned_at, overdue_at, provisional
       FROM clocks WHERE application_id = $1 ORDER BY started_at, stage`,
    [caseId],
  );
}
