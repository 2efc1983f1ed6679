import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertMay } from '@app/common';
import { CASE_STATES, isCaseState, stateHasTag } from '@app/workflow';
import type { Actor } from './actor';
import { stateLabel } from '@app/workflow';
import { csvOf, statisticsTable } from './statistics-csv';
import { graded, unsatisfiedRatings, type Graded, type UnsatisfiedRating } from './satisfaction';
import {
  StatisticsRepository,
  type CaseSelection,
  type ItemCount,
  type JurisdictionCount,
  type MonthCount,
  type OverdueRow,
  type StateCount,
  type StatisticsPeriod,
  type WindowCount,
} from './statistics.repository';

/** A case left in the inbox past the acceptance period: the deadline job should have deemed it accepted. */
export interface OverdueCase extends OverdueRow {
  /**
   * When it should have been accepted, refused or deemed accepted: the due moment of its running
   * acceptance clock (5 statutory working days, 行政许可法 art. 32).
   */
  dueAt: Date;
  /** How long past dueAt, ms of calendar time. */
  overdueMs: number;
}

/** What a supervisor (督查) reads about their division; counts only, no personal data. */
export interface CaseStatistics {
  divisionCode: string;
  /** The period as counted (cases received in [from, to)); null: open. */
  from: Date | null;
  to: Date | null;
  /** The moment the overdue list was measured against. */
  asOf: Date;
  /** Cases received, all states. */
  received: number;
  /** Every state in the machine's order (zeros included), then any stored state the machine lacks. */
  byState: { state: string; label: string; count: number }[];
  /** Per service item, per receiving window, per home jurisdiction: most cases first. */
  byItem: ItemCount[];
  byWindow: WindowCount[];
  byJurisdiction: JurisdictionCount[];
  /** Cases still awaiting acceptance past the period, longest overdue first (at most OVERDUE_LIST_LIMIT). */
  overdueAcceptance: { total: number; cases: OverdueCase[] };
  /** Cases whose transfer failed (tag `transferFailed`): a lost parcel or altered scan waiting for the window to redispatch. */
  transferExceptions: number;
  /**
   * Cases across the division's border, per month received (YYYY-MM, Beijing time), oldest first,
   * months without any left out: received at its windows for home jurisdictions outside, and at
   * windows outside for its home jurisdictions (those from their arrival on), each case once.
   */
  crossBorder: MonthCount[];
  /**
   * Service evaluations (好差评) of these cases: `total` given; each side rated on its own, the
   * receiving window's per window and the home jurisdiction's per jurisdiction (most evaluated
   * first); and every 差评 side, latest first.
   */
  evaluations: {
    total: number;
    byWindow: Graded<{ windowCode: string; windowName: string }>[];
    byJurisdiction: Graded<{ jurisdictionCode: string; name: string }>[];
    unsatisfied: UnsatisfiedRating[];
  };
}

/**
 * Supervision statistics (督查): counts by state, service item, receiving window and home
 * jurisdiction, the cases overdue for acceptance, transfer exceptions, cases across the division's
 * border per month and the evaluations of both sides, over the
 * cases in a supervisor's division (a case received at a window or owned by a jurisdiction inside
 * it). Read-only; a handful of GROUP BY queries in one REPEATABLE READ transaction, so every count
 * describes the same moment. Time is calendar time (ms) until the working-day calendar arrives;
 * months are Beijing time.
 */
@Injectable()
export class StatisticsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The statistics of the cases in `actor`'s division received in `period` (see CaseStatistics):
   * every figure, the overdue list included, covers only those cases. Overdue means still awaiting
   * acceptance past the deadline set on arrival (see OverdueCase.dueAt), measured at `asOf` (now).
   * @throws NotAllowed (403) the actor is not a supervisor
   */
  async statistics(actor: Actor, period: StatisticsPeriod = {}): Promise<CaseStatistics> {
    const divisionCode = supervisedDivision(actor);
    const asOf = new Date();
    const cases = { scope: actor.scope, period };
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const stats = new StatisticsRepository(m);
      const byState = withLabels(await stats.byState(cases));
      return {
        divisionCode,
        from: period.from ?? null,
        to: period.to ?? null,
        asOf,
        received: byState.reduce((sum, s) => sum + s.count, 0),
        byState,
        byItem: await stats.byItem(cases),
        byWindow: await stats.byWindow(cases),
        byJurisdiction: await stats.byJurisdiction(cases),
        overdueAcceptance: overdueSince(asOf, await stats.overdueAcceptance(cases, asOf)),
        transferExceptions: byState
          .filter((s) => stateHasTag(s.state, 'transferFailed'))
          .reduce((sum, s) => sum + s.count, 0),
        crossBorder: await stats.crossBorderByMonth(cases, divisionCode),
        evaluations: await evaluationsOf(stats, cases),
      };
    });
  }

  /**
   * One table of the statistics (`table`, a name of STATISTICS_TABLES) as CSV for Excel
   * (statistics-csv.ts), over the same cases as `statistics`.
   * @throws NotAllowed (403) the actor is not a supervisor
   * @throws NotFound (404) no table has that name
   */
  async csv(actor: Actor, table: string, period: StatisticsPeriod = {}): Promise<string> {
    supervisedDivision(actor);
    const t = statisticsTable(table);
    return csvOf(t, await this.statistics(actor, period));
  }
}

/**
 * The division `actor` supervises.
 * @throws NotAllowed (403) any role but supervisor
 */
function supervisedDivision(actor: Actor): string {
  assertMay(actor, 'readStatistics');
  return actor.scope.divisionCode;
}

/** Every machine state with its count (zero when absent) and label, then unknown stored states. */
function withLabels(rows: StateCount[]): CaseStatistics['byState'] {
  const counted = new Map(rows.map((r) => [r.state, r.count]));
  const states = [...CASE_STATES, ...rows.map((r) => r.state).filter((s) => !isCaseState(s))];
  return states.map((state) => ({
    state,
    label: stateLabel(state)?.label ?? state,
    count: counted.get(state) ?? 0,
  }));
}

/** The overdue list measured at `asOf`: how long each case is past its deadline. */
function overdueSince(
  asOf: Date,
  overdue: { total: number; rows: OverdueRow[] },
): CaseStatistics['overdueAcceptance'] {
  return {
    total: overdue.total,
    cases: overdue.rows.map((row) => ({ ...row, overdueMs: asOf.getTime() - row.dueAt.getTime() })),
  };
}

/** The evaluations of the selected cases (CaseStatistics.evaluations). */
async function evaluationsOf(
  stats: StatisticsRepository,
  cases: CaseSelection,
): Promise<CaseStatistics['evaluations']> {
  const byWindow = (await stats.gradesByWindow(cases)).map(graded);
  return {
    total: byWindow.reduce((sum, w) => sum + w.count, 0),
    byWindow,
    byJurisdiction: (await stats.gradesByJurisdiction(cases)).map(graded),
    unsatisfied: unsatisfiedRatings(await stats.unsatisfied(cases)),
  };
}
