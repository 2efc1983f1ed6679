import type { DataSource } from 'typeorm';

/**
 * Time passes for one clock: case `caseId`'s open clock of `stage` is moved `days` calendar days
 * into the past, as if its starting event had happened that much earlier (its start, the day it
 * counted from, its warning and due moments all move by the same amount). For tests of what the
 * sweep does once a warning or due moment has passed; the arithmetic of the moments themselves is
 * tested on the calendar (libs/calendar clock-period.spec.ts).
 */
export async function ageClock(ds: DataSource, caseId: string, stage: string, days: number): Promise<void> {
  const moved: unknown[] = await ds.query(
    `WITH moved AS (
       UPDATE clocks SET started_at = started_at - make_interval(days => $3),
              counted_from = counted_from - $3::int, due_date = due_date - $3::int,
              due_at = due_at - make_interval(days => $3), warn_at = warn_at - make_interval(days => $3)
        WHERE application_id = $1 AND stage = $2 AND status <> 'stopped' RETURNING id)
     SELECT id FROM moved`,
    [caseId, stage, days],
  );
  if (moved.length !== 1) throw new Error(`case ${caseId} has no open ${stage} clock to age`);
}

/**
 * Time passes for one clock until its due day was yesterday (Beijing time): case `caseId`'s open
 * clock of `stage` moves into the past by the fewest whole days that do it (see ageClock).
 */
export async function ageClockPastDue(ds: DataSource, caseId: string, stage: string): Promise<void> {
  const [row]: { days: number }[] = await ds.query(
    `SELECT due_date - (now() AT TIME ZONE 'Asia/Shanghai')::date + 1 AS days
       FROM clocks WHERE application_id = $1 AND stage = $2 AND status = 'running'`,
    [caseId, stage],
  );
  if (!row) throw new Error(`case ${caseId} has no running ${stage} clock to age`);
  await ageClock(ds, caseId, stage, row.days);
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

/**
 * Time passes for one clock until its warning: case `caseId`'s open clock of `stage` is moved into
 * the past by exactly as much as puts its warning moment one minute ago, so the sweep raises the
 * warning and not the overdue mark (its due moment stays as far after the warning as it was: at
 * least a working day less a millisecond, see clockPeriod). Its start and moments move by that
 * interval, its days by the Beijing days its due moment moved.
 */
export async function ageClockToWarning(ds: DataSource, caseId: string, stage: string): Promise<void> {
  const [, moved]: [unknown[], number] = await ds.query(
    `WITH shift AS (
       SELECT id, warn_at - (now() - interval '1 minute') AS by,
              due_date - ((due_at - (warn_at - (now() - interval '1 minute'))) AT TIME ZONE 'Asia/Shanghai')::date AS days
         FROM clocks WHERE application_id = $1 AND stage = $2 AND status = 'running')
     UPDATE clocks c SET started_at = c.started_at - s.by, warn_at = c.warn_at - s.by, due_at = c.due_at - s.by,
            counted_from = c.counted_from - s.days, due_date = c.due_date - s.days
       FROM shift s WHERE c.id = s.id`,
    [caseId, stage],
  );
  if (moved !== 1) throw new Error(`case ${caseId} has no running ${stage} clock to age`);
}
