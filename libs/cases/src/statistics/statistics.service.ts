import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertMay } from '@app/common';
import { CASE_STATES, isCaseState, stateHasTag } from '@app/workflow';
import type { Actor } from '../actor';
import { stateLabel } from '@app/workflow';
import { csvOf, statisticsTable } from './statistics-csv';
import { workingDaysLeft, type WorkingDayCalendar } from '@app/calendar';
import {
  ClockStatisticsRepository,
  type LateClockRow,
  type PartyLateCount,
  type RectificationClockRow,
  type StageDuration,
} from './clock-statistics.repository';
import { LawCalendar } from '../clocks/law-calendar';
import { RECTIFYING_PARTY } from '../clocks/rectification';
import {
  graded,
  unsatisfiedRatings,
  type Graded,
  type Rectification,
  type UnsatisfiedRating,
} from './satisfaction';
import type { RatedSide } from '../evaluation-grades';
import {
  StatisticsRepository,
  type CaseSelection,
  type ItemCount,
  type JurisdictionCount,
  type MonthCount,
  type StateCount,
  type StatisticsPeriod,
  type WindowCount,
} from './statistics.repository';

/** A clock warned or overdue now, with its case (LateClockRow) and the working days left on it. */
export interface LateClock extends LateClockRow {
  /** Statutory working days left at `asOf`, today counted when it works; negative: late by so many. */
  workingDaysLeft: number;
}

/** What a supervisor (督查) reads about their division; counts only, no personal data. */
export interface CaseStatistics {
  divisionCode: string;
  /** The period as counted (cases received in [from, to)); null: open. */
  from: Date | null;
  to: Date | null;
  /** The moment the clocks were read at (warned, overdue, working days left). */
  asOf: Date;
  /** Cases received, all states. */
  received: number;
  /** Every state in the machine's order (zeros included), then any stored state the machine lacks. */
  byState: { state: string; label: string; count: number }[];
  /** Per service item, per receiving window, per home jurisdiction: most cases first. */
  byItem: ItemCount[];
  byWindow: WindowCount[];
  byJurisdiction: JurisdictionCount[];
  /**
   * The clocks (time limits, DESIGN "Clocks") of these cases: `late`, every running clock warned
   * (80 % of its working days used) or overdue at `asOf`, overdue first, then by due moment, with
   * the stage and the party responsible (at most LATE_CLOCK_LIST_LIMIT; `total` counts all);
   * `byParty`, how many each party has overdue, and warned but not yet overdue; `byStage`, per stage
   * the stopped clocks met and late and the median and 90th percentile of the statutory working
   * days they used.
   */
  clocks: {
    late: { total: number; clocks: LateClock[] };
    byParty: PartyLateCount[];
    byStage: StageDuration[];
  };
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
   * first); and every 差评 side, latest first, with its rectification clock.
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
 * jurisdiction, the clocks warned and overdue and the working days each stage took, transfer
 * exceptions, cases across the division's border per month and the evaluations of both sides with
 * their rectification clocks, over the cases in a supervisor's division (a case received at a window
 * or owned by a jurisdiction inside it). Read-only; a handful of GROUP BY queries in one REPEATABLE
 * READ transaction, so every count describes the same moment. Working days are statutory working
 * days on the law's calendar (LawCalendar); months are Beijing time.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly law: LawCalendar,
  ) {}

  /**
   * The statistics of the cases in `actor`'s division received in `period` (see CaseStatistics):
   * every figure, the clocks included, covers only those cases; clocks are read at `asOf` (now).
   * @throws NotAllowed (403) the actor is not a supervisor
   */
  async statistics(actor: Actor, period: StatisticsPeriod = {}): Promise<CaseStatistics> {
    const divisionCode = supervisedDivision(actor);
    const asOf = new Date();
    const cases = { scope: actor.scope, period };
    const calendar = await this.law.calendar();
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const stats = new StatisticsRepository(m);
      const clocks = new ClockStatisticsRepository(m);
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
        clocks: await clocksOf(clocks, cases, calendar, asOf),
        transferExceptions: byState
          .filter((s) => stateHasTag(s.state, 'transferFailed'))
          .reduce((sum, s) => sum + s.count, 0),
        crossBorder: await stats.crossBorderByMonth(cases, divisionCode),
        evaluations: await evaluationsOf(
          stats,
          cases,
          await clocks.rectifications(cases, asOf),
          calendar,
          asOf,
        ),
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

/** The clocks of the selected cases at `asOf` (CaseStatistics.clocks), working days on `calendar`. */
async function clocksOf(
  clocks: ClockStatisticsRepository,
  cases: CaseSelection,
  calendar: WorkingDayCalendar,
  asOf: Date,
): Promise<CaseStatistics['clocks']> {
  const late = await clocks.late(cases, asOf);
  return {
    late: {
      total: late.total,
      clocks: late.rows.map((row) => ({
        ...row,
        workingDaysLeft: workingDaysLeft(calendar, row.dueDate, asOf),
      })),
    },
    byParty: await clocks.byParty(cases, asOf),
    byStage: await clocks.byStage(cases),
  };
}

/** A stored rectification clock as supervision reads it at `asOf` (working days left on `calendar`). */
function rectification(row: RectificationClockRow, calendar: WorkingDayCalendar, asOf: Date): Rectification {
  const counting = ['running', 'warned', 'overdue'].includes(row.state) && row.dueDate !== null;
  const ended = row.state === 'met' || row.state === 'late';
  return {
    state: row.state,
    dueDate: row.dueDate,
    dueAt: row.dueAt,
    provisional: row.provisional,
    workingDaysLeft: counting ? workingDaysLeft(calendar, row.dueDate!, asOf) : null,
    usedWorkingDays: row.usedWorkingDays,
    rectifiedAt: ended ? row.stoppedAt : null,
  };
}

/**
 * The evaluations of the selected cases (CaseStatistics.evaluations), each 差评 with its side's
 * rectification clock among `rectifications`, read at `asOf` on `calendar`.
 */
async function evaluationsOf(
  stats: StatisticsRepository,
  cases: CaseSelection,
  rectifications: RectificationClockRow[],
  calendar: WorkingDayCalendar,
  asOf: Date,
): Promise<CaseStatistics['evaluations']> {
  const clocks = new Map(rectifications.map((row) => [`${row.caseNumber}/${row.party}`, row]));
  const rectificationOf = (caseNumber: string, side: RatedSide) => {
    const row = clocks.get(`${caseNumber}/${RECTIFYING_PARTY[side]}`);
    return row ? rectification(row, calendar, asOf) : null;
  };
  const byWindow = (await stats.gradesByWindow(cases)).map(graded);
  return {
    total: byWindow.reduce((sum, w) => sum + w.count, 0),
    byWindow,
    byJurisdiction: (await stats.gradesByJurisdiction(cases)).map(graded),
    unsatisfied: unsatisfiedRatings(await stats.unsatisfied(cases), rectificationOf),
  };
}
