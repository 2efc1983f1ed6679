import type { EntityManager } from 'typeorm';
import { selectedCases, type CaseSelection } from './statistics.repository';

/** Longest list of late clocks answered; the total counts them all. */
export const LATE_CLOCK_LIST_LIMIT = 200;

/**
 * A running clock past its warning moment (80 % of its working days) or its due moment, as stored:
 * `status` `overdue` once the due moment passed (or the sweep marked it), else `warned`.
 */
export interface LateClockRow {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  windowCode: string;
  jurisdictionCode: string;
  /** A ClockStage of libs/workflow. */
  stage: string;
  /** A Party of libs/workflow: who the time is charged to. */
  party: string;
  status: 'overdue' | 'warned';
  startedAt: Date;
  /** The due working day (Beijing time, YYYY-MM-DD) and its end, the due moment. */
  dueDate: string;
  dueAt: Date;
  /** Computed on a provisional calendar year. */
  provisional: boolean;
  /** When the sweep raised the warning / the overdue mark; null when not yet. */
  warnedAt: Date | null;
  overdueAt: Date | null;
}

/** Running clocks charged to one party: how many are overdue, and how many warned but not yet overdue. */
export interface PartyLateCount {
  party: string;
  overdue: number;
  warned: number;
}

/**
 * The clocks of one stage that ended (outcome met or late; withdrawn ones left out): how many of each,
 * and the median and 90th percentile of the statutory working days they used (percentile_cont:
 * interpolated, so possibly fractional; null when none ended).
 */
export interface StageDuration {
  stage: string;
  met: number;
  late: number;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
}

/** How a clock stands at a moment: counting (running, warned past 80 %, overdue), paused, or how it ended. */
export const CLOCK_STATES = ['running', 'warned', 'overdue', 'paused', 'met', 'late', 'withdrawn'] as const;

/** One of CLOCK_STATES. */
export type ClockState = (typeof CLOCK_STATES)[number];

/** A case's latest rectification clock (整改时限) of one party, as stored, its state at the moment asked. */
export interface RectificationClockRow {
  caseNumber: string;
  party: string;
  state: ClockState;
  /** Due working day (YYYY-MM-DD, Beijing time) and its end; null while paused. */
  dueDate: string | null;
  dueAt: Date | null;
  provisional: boolean;
  /** Statutory working days used, once stopped. */
  usedWorkingDays: number | null;
  stoppedAt: Date | null;
}

/** SQL: a running clock `c` whose due moment passed at `asOf` (`$asOf`) or the sweep marked overdue. */
const OVERDUE = (asOf: string) => `(c.overdue_at IS NOT NULL OR c.due_at <= ${asOf})`;
/** SQL: a running clock `c` past its warning moment (80 %) at `asOf`, or the sweep warned. */
const WARNED = (asOf: string) => `(c.warned_at IS NOT NULL OR c.warn_at <= ${asOf})`;

/**
 * Supervision's queries on the clocks (DESIGN "Clocks", issue 12 item 7) of a selection of cases
 * (`selectedCases`: a supervisor's division, a period received): late clocks now, counts per party,
 * working days used per stage, rectification clocks. Working days are statutory working days
 * (`clocks.used_working_days`, computed on the law's calendar when a clock stops). Run in the
 * statistics' REPEATABLE READ transaction (`m`).
 */
export class ClockStatisticsRepository {
  constructor(private readonly m: EntityManager) {}

  /**
   * The running clocks of the selected cases warned or overdue at `asOf` (see LateClockRow), overdue
   * ones first, then by due moment, at most LATE_CLOCK_LIST_LIMIT, and how many there are in all.
   */
  async late(cases: CaseSelection, asOf: Date): Promise<{ total: number; rows: LateClockRow[] }> {
    const rows = await this.onClocks<LateClockRow & { total: number }>(cases, (inSelection, p) => {
      const at = p(asOf);
      return `SELECT c.application_id AS "caseId", a.case_number AS "caseNumber", a.item_code AS "itemCode",
                       a.window_code AS "windowCode", a.jurisdiction_code AS "jurisdictionCode",
                       c.stage, c.party,
                       CASE WHEN ${OVERDUE(at)} THEN 'overdue' ELSE 'warned' END AS status,
                       c.started_at AS "startedAt", to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate",
                       c.due_at AS "dueAt", c.provisional, c.warned_at AS "warnedAt", c.overdue_at AS "overdueAt",
                       count(*) OVER ()::int AS total
                  FROM clocks c JOIN applications a ON a.id = c.application_id
                 WHERE ${inSelection} AND c.status = 'running' AND (${OVERDUE(at)} OR ${WARNED(at)})
                 ORDER BY ${OVERDUE(at)} DESC, c.due_at, c.id
                 LIMIT ${p(LATE_CLOCK_LIST_LIMIT)}`;
    });
    return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _total, ...row }) => row) };
  }

  /** Per party, the running clocks of the selected cases overdue and warned (not overdue) at `asOf`; parties with none left out. */
  byParty(cases: CaseSelection, asOf: Date): Promise<PartyLateCount[]> {
    return this.onClocks(cases, (inSelection, p) => {
      const at = p(asOf);
      return `SELECT c.party,
                     count(*) FILTER (WHERE ${OVERDUE(at)})::int AS overdue,
                     count(*) FILTER (WHERE NOT ${OVERDUE(at)} AND ${WARNED(at)})::int AS warned
                FROM clocks c
               WHERE ${inSelection} AND c.status = 'running' AND (${OVERDUE(at)} OR ${WARNED(at)})
               GROUP BY c.party ORDER BY overdue DESC, warned DESC, c.party`;
    });
  }

  /**
   * Per stage, the stopped clocks of the selected cases that ended met or late: counts, and the
   * median and 90th percentile (percentile_cont) of `used_working_days`. Stages with none left out.
   */
  byStage(cases: CaseSelection): Promise<StageDuration[]> {
    return this.onClocks(
      cases,
      (inSelection) => `SELECT c.stage,
              count(*) FILTER (WHERE c.outcome = 'met')::int AS met,
              count(*) FILTER (WHERE c.outcome = 'late')::int AS late,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY c.used_working_days))::float8 AS "medianWorkingDays",
              (percentile_cont(0.9) WITHIN GROUP (ORDER BY c.used_working_days))::float8 AS "p90WorkingDays"
         FROM clocks c
        WHERE ${inSelection} AND c.status = 'stopped' AND c.outcome IN ('met', 'late')
          AND c.used_working_days IS NOT NULL
        GROUP BY c.stage ORDER BY c.stage`,
    );
  }

  /** The latest rectification clock of each party of each selected case that has one, as it stands at `asOf`. */
  rectifications(cases: CaseSelection, asOf: Date): Promise<RectificationClockRow[]> {
    return this.onClocks(cases, (inSelection, p) => {
      const at = p(asOf);
      return `SELECT DISTINCT ON (c.application_id, c.party)
              a.case_number AS "caseNumber", c.party,
              CASE WHEN c.status = 'stopped' THEN c.outcome WHEN c.status = 'paused' THEN 'paused'
                   WHEN ${OVERDUE(at)} THEN 'overdue' WHEN ${WARNED(at)} THEN 'warned' ELSE 'running' END AS state,
              to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.due_at AS "dueAt", c.provisional,
              c.used_working_days AS "usedWorkingDays", c.stopped_at AS "stoppedAt"
         FROM clocks c JOIN applications a ON a.id = c.application_id
        WHERE ${inSelection} AND c.stage = 'rectification'
        ORDER BY c.application_id, c.party, c.started_at DESC`;
    });
  }

  /**
   * Runs the statement `sql` builds on `clocks` aliased `c`: `inSelection`, the condition that its
   * case is selected (`c.application_id IN (…)`); `p(value)`, a placeholder bound to `value`.
   */
  private async onClocks<Row>(
    cases: CaseSelection,
    sql: (inSelection: string, p: (value: unknown) => string) => string,
  ): Promise<Row[]> {
    const [selection, params] = selectedCases(this.m, cases).select('a.id').getQueryAndParameters();
    const bound: unknown[] = [...params];
    const p = (value: unknown) => {
      bound.push(value);
      return `$${bound.length}`;
    };
    return this.m.query(sql(`c.application_id IN (${selection})`, p), bound);
  }
}
