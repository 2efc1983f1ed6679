import type { EntityManager } from 'typeorm';
import type { CalendarDay } from '@app/calendar';

/** A clock's state: counting, standing still, or over (its `outcome` says how). */
export type ClockStatus = 'running' | 'paused' | 'stopped';

/** How a stopped clock ended: in time, late, or cancelled by a withdrawal. */
export type ClockOutcome = 'met' | 'late' | 'withdrawn';

/** One interval a clock stood still, as stored: why (`cause`: correction, supplement, or an art. 45 kind) and the reason given. */
export interface StoredClockPause {
  from: Date;
  to: Date | null;
  cause: string;
  reason: string;
}

/**
 * A clock as stored in `clocks` (DESIGN "Clocks"): one time limit of one case. Working days are
 * statutory working days; moments are instants (shown in Beijing time); days are Beijing days.
 */
export interface StoredClock {
  id: string;
  caseId: string;
  /** A ClockStage of libs/workflow. */
  stage: string;
  /** A Party of libs/workflow: who the time is charged to. */
  party: string;
  status: ClockStatus;
  startedAt: Date;
  budgetWorkingDays: number;
  extendedWorkingDays: number;
  extensionReason: string | null;
  pauses: StoredClockPause[];
  countedFrom: CalendarDay;
  /** Null while paused, and once stopped while paused. */
  dueDate: CalendarDay | null;
  dueAt: Date | null;
  warnAt: Date | null;
  provisional: boolean;
  warnedAt: Date | null;
  overdueAt: Date | null;
  stoppedAt: Date | null;
  outcome: ClockOutcome | null;
  usedWorkingDays: number | null;
}

/** What is computed from a clock's terms (`clockPeriod`), written together. */
export interface ClockSchedule {
  countedFrom: CalendarDay;
  dueDate: CalendarDay | null;
  dueAt: Date | null;
  warnAt: Date | null;
  provisional: boolean;
}

/** A clock to start. */
export type NewClock = Pick<StoredClock, 'caseId' | 'stage' | 'party' | 'startedAt' | 'budgetWorkingDays'> &
  ClockSchedule;

interface ClockRow {
  id: string;
  application_id: string;
  stage: string;
  party: string;
  status: ClockStatus;
  started_at: Date;
  budget_working_days: number;
  extended_working_days: number;
  extension_reason: string | null;
  pauses: { from: string; to: string | null; cause: string; reason: string }[];
  counted_from: string;
  due_date: string | null;
  due_at: Date | null;
  warn_at: Date | null;
  provisional: boolean;
  warned_at: Date | null;
  overdue_at: Date | null;
  stopped_at: Date | null;
  outcome: ClockOutcome | null;
  used_working_days: number | null;
}

/** Days as `YYYY-MM-DD` text, never a local-time Date. */
const COLUMNS = `id, application_id, stage, party, status, started_at, budget_working_days,
  extended_working_days, extension_reason, pauses, to_char(counted_from, 'YYYY-MM-DD') AS counted_from,
  to_char(due_date, 'YYYY-MM-DD') AS due_date, due_at, warn_at, provisional, warned_at, overdue_at,
  stopped_at, outcome, used_working_days`;

const toClock = (row: ClockRow): StoredClock => ({
  id: row.id,
  caseId: row.application_id,
  stage: row.stage,
  party: row.party,
  status: row.status,
  startedAt: row.started_at,
  budgetWorkingDays: row.budget_working_days,
  extendedWorkingDays: row.extended_working_days,
  extensionReason: row.extension_reason,
  pauses: row.pauses.map((p) => ({
    from: new Date(p.from),
    to: p.to === null ? null : new Date(p.to),
    cause: p.cause,
    reason: p.reason,
  })),
  countedFrom: row.counted_from,
  dueDate: row.due_date,
  dueAt: row.due_at,
  warnAt: row.warn_at,
  provisional: row.provisional,
  warnedAt: row.warned_at,
  overdueAt: row.overdue_at,
  stoppedAt: row.stopped_at,
  outcome: row.outcome,
  usedWorkingDays: row.used_working_days,
});

/** What the sweep found due at a moment: the warnings and overdue marks to raise, and the case's offices. */
export interface ClockMark {
  clock: StoredClock;
  kind: 'warned' | 'overdue';
  /** The case's receiving window and home jurisdiction, by code: who is told. */
  windowCode: string;
  jurisdictionCode: string;
}

/**
 * The clocks of cases (`clocks`): start, change and stop them, find what the sweep must mark.
 * Works through `m`, the caller's transaction manager or the data source's.
 */
export class ClockRepository {
  constructor(private readonly m: EntityManager) {}

  /** Every clock of case `caseId`, oldest first. */
  async ofCase(caseId: string): Promise<StoredClock[]> {
    const rows: ClockRow[] = await this.m.query(
      `SELECT ${COLUMNS} FROM clocks WHERE application_id = $1 ORDER BY started_at, stage`,
      [caseId],
    );
    return rows.map(toClock);
  }

  /**
   * The open (running or paused) clocks of case `caseId` among `stages`, those charged to `party`
   * only when given, locked for this transaction.
   */
  async openOfCase(
    caseId: string,
    stages: readonly string[] | 'all',
    party?: string,
  ): Promise<StoredClock[]> {
    const rows: ClockRow[] = await this.m.query(
      `SELECT ${COLUMNS} FROM clocks
        WHERE application_id = $1 AND status <> 'stopped' AND ($2::text[] IS NULL OR stage = ANY($2))
          AND ($3::text IS NULL OR party = $3)
        ORDER BY started_at FOR UPDATE`,
      [caseId, stages === 'all' ? null : stages, party ?? null],
    );
    return rows.map(toClock);
  }

  /** Clock `id`, or null. */
  async find(id: string): Promise<StoredClock | null> {
    const rows: ClockRow[] = await this.m.query(`SELECT ${COLUMNS} FROM clocks WHERE id = $1`, [id]);
    return rows[0] ? toClock(rows[0]) : null;
  }

  /**
   * Starts a clock, unless one is open for the case, stage and party (the unique index
   * clocks_one_open_per_stage_party decides, also for two transactions at once; a rectification
   * clock may run for each side of one case).
   * @returns the new clock, or null when one was open
   */
  async start(clock: NewClock): Promise<StoredClock | null> {
    const rows: ClockRow[] = await this.m.query(
      `INSERT INTO clocks (application_id, stage, party, status, started_at, budget_working_days,
                           counted_from, due_date, due_at, warn_at, provisional)
       VALUES ($1, $2, $3, 'running', $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (application_id, stage, party) WHERE status <> 'stopped' DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        clock.caseId,
        clock.stage,
        clock.party,
        clock.startedAt,
        clock.budgetWorkingDays,
        clock.countedFrom,
        clock.dueDate,
        clock.dueAt,
        clock.warnAt,
        clock.provisional,
      ],
    );
    return rows[0] ? toClock(rows[0]) : null;
  }

  /**
   * Writes what changed in clock `id`: its status, pauses, extension and schedule (a pause, a
   * resumption, an extension, a recomputation). A warning or overdue mark already raised stays, unless
   * the new schedule moves the moment it was raised for past `now`, when it is cleared to be raised
   * again at the new moment.
   */
  async update(
    id: string,
    change: Pick<StoredClock, 'status' | 'pauses' | 'extendedWorkingDays' | 'extensionReason'> &
      ClockSchedule,
    now: Date,
  ): Promise<void> {
    await this.m.query(
      `UPDATE clocks SET status = $2, pauses = $3, extended_working_days = $4, extension_reason = $5,
              counted_from = $6, due_date = $7, due_at = $8, warn_at = $9, provisional = $10,
              warned_at = CASE WHEN $9::timestamptz > $11 THEN NULL ELSE warned_at END,
              overdue_at = CASE WHEN $8::timestamptz > $11 THEN NULL ELSE overdue_at END
        WHERE id = $1`,
      [
        id,
        change.status,
        JSON.stringify(change.pauses),
        change.extendedWorkingDays,
        change.extensionReason,
        change.countedFrom,
        change.dueDate,
        change.dueAt,
        change.warnAt,
        change.provisional,
        now,
      ],
    );
  }

  /**
   * Stops clock `id` at `stoppedAt` with `outcome`, having used `usedWorkingDays`; its pauses closed.
   * A clock stopped while paused keeps no due moment (it had none).
   */
  async stop(
    id: string,
    stoppedAt: Date,
    outcome: ClockOutcome,
    usedWorkingDays: number | null,
    pauses: StoredClockPause[],
  ): Promise<void> {
    await this.m.query(
      `UPDATE clocks SET status = 'stopped', stopped_at = $2, outcome = $3, used_working_days = $4, pauses = $5
        WHERE id = $1`,
      [id, stoppedAt, outcome, usedWorkingDays, JSON.stringify(pauses)],
    );
  }

  /**
   * The warnings and overdue marks due at `now` (running clocks whose warn or due moment passed and
   * whose mark is not raised), at most `limit`, each clock locked with SKIP LOCKED, so sweeps running
   * at the same moment never take the same clock: one raises the mark, the other skips it. Call
   * inside a transaction that then raises them (`markRaised`).
   */
  async marksDue(now: Date, limit: number): Promise<ClockMark[]> {
    const rows: (ClockRow & { window_code: string; jurisdiction_code: string })[] = await this.m.query(
      `SELECT ${COLUMNS},
              (SELECT window_code FROM applications a WHERE a.id = clocks.application_id) AS window_code,
              (SELECT jurisdiction_code FROM applications a WHERE a.id = clocks.application_id) AS jurisdiction_code
         FROM clocks
        WHERE status = 'running'
          AND ((warned_at IS NULL AND warn_at <= $1) OR (overdue_at IS NULL AND due_at <= $1))
        ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.flatMap((row) => {
      const clock = toClock(row);
      const offices = { windowCode: row.window_code, jurisdictionCode: row.jurisdiction_code };
      const marks: ClockMark[] = [];
      if (clock.warnedAt === null && clock.warnAt! <= now) marks.push({ clock, kind: 'warned', ...offices });
      if (clock.overdueAt === null && clock.dueAt! <= now) marks.push({ clock, kind: 'overdue', ...offices });
      return marks;
    });
  }

  /** Records mark `kind` raised on clock `id` at `at`, once: false when it was already raised. */
  async markRaised(id: string, kind: 'warned' | 'overdue', at: Date): Promise<boolean> {
    const column = kind === 'warned' ? 'warned_at' : 'overdue_at';
    // A CTE, so the driver answers the rows (an UPDATE alone answers [rows, count]).
    const rows: unknown[] = await this.m.query(
      `WITH raised AS (UPDATE clocks SET ${column} = $2 WHERE id = $1 AND ${column} IS NULL RETURNING id)
       SELECT id FROM raised`,
      [id, at],
    );
    return rows.length > 0;
  }

  /**
   * The running clocks of `stage` due at `now` whose case is in one of `states`: the acceptance
   * clocks whose case the sweep must deem accepted, the supplement clocks it may withdraw.
   */
  async dueInStates(stage: string, states: readonly string[], now: Date): Promise<StoredClock[]> {
    const rows: ClockRow[] = await this.m.query(
      `SELECT ${COLUMNS} FROM clocks
        WHERE stage = $1 AND status = 'running' AND due_at <= $2
          AND application_id IN (SELECT id FROM applications WHERE state = ANY($3))
        ORDER BY due_at`,
      [stage, now, states],
    );
    return rows.map(toClock);
  }

  /** The open clocks whose schedule used a provisional year: what an official year may move. */
  async openProvisional(): Promise<StoredClock[]> {
    const rows: ClockRow[] = await this.m.query(
      `SELECT ${COLUMNS} FROM clocks WHERE status <> 'stopped' AND provisional ORDER BY application_id, started_at`,
    );
    return rows.map(toClock);
  }
}
