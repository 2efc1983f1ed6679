import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  clockPeriod,
  type ClockPeriod,
  workingDaysLeft,
  workingDaysUsed,
  type CalendarDay,
  type WorkingDayCalendar,
} from '@app/calendar';
import { AppConfig, Conflict } from '@app/common';
import { CatalogueRepository } from '@app/catalogue';
import {
  ClockRepository,
  type ClockOutcome,
  type ClockSchedule,
  type StoredClock,
  type StoredClockPause,
} from '@app/db';
import { CLOCK_STAGE_PARTIES, type ClockStage, type ClockStartingEvent, type Party } from '@app/workflow';
import { LawCalendar } from './law-calendar';
import { clockBudget } from './clock-budgets';

/** A clock `ClockKeeper.stop` stopped: how it ended, and the statutory working days it used (null without a period). */
export interface StoppedClock {
  id: string;
  outcome: ClockOutcome;
  usedWorkingDays: number | null;
}

/** A clock as staff see it on the case (the case view, worklists). Working days are statutory working days. */
export interface ClockView {
  id: string;
  stage: string;
  /** Who the clock's time is charged to. */
  party: string;
  /** running, paused, or how it ended: met, late, withdrawn. */
  status: 'running' | 'paused' | ClockOutcome;
  startedAt: Date;
  /** The working day the starting event counted on. */
  countedFrom: CalendarDay;
  budgetWorkingDays: number;
  extendedWorkingDays: number;
  extensionReason: string | null;
  pauses: StoredClockPause[];
  /** Null while paused, and once stopped while paused. */
  dueDate: CalendarDay | null;
  /** The due moment, end of `dueDate` Beijing time; null while paused. */
  dueAt: Date | null;
  /** A provisional calendar year was used: the date may move when the State Council's notice is entered. */
  provisional: boolean;
  /** When the warning is due (80 % of the working days used); null while paused. */
  warnAt: Date | null;
  warnedAt: Date | null;
  overdueAt: Date | null;
  /** Working days left (today counted when it works; negative: late by so many); null once stopped or while paused. */
  workingDaysLeft: number | null;
  /** Working days it used, for a stopped clock. */
  usedWorkingDays: number | null;
  stoppedAt: Date | null;
}

/**
 * Keeps the clocks of cases (DESIGN "Clocks"): starts, pauses, resumes, extends and stops them as the
 * machine's clock effects say, inside the event's transaction, computing each due moment on the law's
 * calendar (LawCalendar: official years, library data, provisional years) by the counting rules of
 * `clockPeriod` (a period starts the day after its event; an event after OFFICE_CLOSES_AT or on a
 * non-working day counts on the next working day; the due moment is the end of the due working day,
 * Beijing time). Budgets: `clockBudget`.
 */
@Injectable()
export class ClockKeeper {
  constructor(
    private readonly law: LawCalendar,
    private readonly config: AppConfig,
  ) {}

  /**
   * Starts a clock of each of `stages` for case `caseId` at `at`, unless one is open for that stage;
   * the acceptance clock only when `startingEvent` is the one ACCEPTANCE_CLOCK_STARTS_ON names. The
   * party is the stage's (CLOCK_STAGE_PARTIES), or `party` for a rectification clock.
   */
  async start(
    m: EntityManager,
    caseId: string,
    stages: readonly ClockStage[],
    startingEvent: ClockStartingEvent,
    at: Date,
    party?: Party,
  ): Promise<void> {
    const item = await new CatalogueRepository(m).itemTermsOfCase(caseId);
    if (!item) return;
    const calendar = await this.law.calendar(m);
    const clocks = new ClockRepository(m);
    for (const stage of stages) {
      if (stage === 'acceptance' && startingEvent !== this.config.ACCEPTANCE_CLOCK_STARTS_ON) continue;
      const budget = clockBudget(stage, item, this.config);
      const schedule = this.schedule(calendar, {
        startedAt: at,
        budgetWorkingDays: budget,
        extendedWorkingDays: 0,
        pauses: [],
      });
      await clocks.start({
        caseId,
        stage,
        party: party ?? CLOCK_STAGE_PARTIES[stage as Exclude<ClockStage, 'rectification'>],
        startedAt: at,
        budgetWorkingDays: budget,
        ...schedule,
      });
    }
  }

  /**
   * Stops the open clocks of `stages` (those charged to `party` only, when given) at `at`: met when
   * before the due moment, late after, or withdrawn.
   * @returns each clock stopped: its id, outcome and the statutory working days it used
   */
  async stop(
    m: EntityManager,
    caseId: string,
    stages: readonly ClockStage[] | 'all',
    outcome: 'done' | 'withdrawn',
    at: Date,
    party?: Party,
  ): Promise<StoppedClock[]> {
    const clocks = new ClockRepository(m);
    const calendar = await this.law.calendar(m);
    const stopped: StoppedClock[] = [];
    for (const clock of await clocks.openOfCase(caseId, stages, party)) {
      const pauses = closePauses(clock.pauses, at);
      const period = this.period(calendar, { ...clock, pauses });
      const ended: ClockOutcome =
        outcome === 'withdrawn' ? 'withdrawn' : period && at > period.dueAt ? 'late' : 'met';
      const used = period ? workingDaysUsed(calendar, period, at) : null;
      await clocks.stop(clock.id, at, ended, used, pauses);
      stopped.push({ id: clock.id, outcome: ended, usedWorkingDays: used });
    }
    return stopped;
  }

  /** Pauses the running clocks of `stages` from `at`, for `cause` and `reason`: they have no due moment until resumed. */
  async pause(
    m: EntityManager,
    caseId: string,
    stages: readonly ClockStage[],
    cause: string,
    reason: string,
    at: Date,
  ): Promise<void> {
    const clocks = new ClockRepository(m);
    for (const clock of await clocks.openOfCase(caseId, stages)) {
      if (clock.status !== 'running') continue;
      await clocks.update(
        clock.id,
        {
          ...clock,
          status: 'paused',
          pauses: [...clock.pauses, { from: at, to: null, cause, reason }],
          dueDate: null,
          dueAt: null,
          warnAt: null,
        },
        at,
      );
    }
  }

  /** Resumes the paused clocks of `stages` at `at`: the due moment moves by the working days the pause took. */
  async resume(m: EntityManager, caseId: string, stages: readonly ClockStage[], at: Date): Promise<void> {
    const clocks = new ClockRepository(m);
    const calendar = await this.law.calendar(m);
    for (const clock of await clocks.openOfCase(caseId, stages)) {
      if (clock.status !== 'paused') continue;
      const pauses = closePauses(clock.pauses, at);
      await clocks.update(
        clock.id,
        { ...clock, status: 'running', pauses, ...this.schedule(calendar, { ...clock, pauses }) },
        at,
      );
    }
  }

  /** Extends the open clock of `stage` by `workingDays` for `reason` (EXTEND_TIME_LIMIT, 行政许可法 art. 42). */
  async extend(
    m: EntityManager,
    caseId: string,
    stage: ClockStage,
    workingDays: number,
    reason: string,
    at: Date,
  ): Promise<void> {
    const clocks = new ClockRepository(m);
    const calendar = await this.law.calendar(m);
    for (const clock of await clocks.openOfCase(caseId, [stage])) {
      const extended = { ...clock, extendedWorkingDays: clock.extendedWorkingDays + workingDays };
      const schedule = clock.status === 'paused' ? {} : this.schedule(calendar, extended);
      await clocks.update(clock.id, { ...extended, extensionReason: reason, ...schedule }, at);
    }
  }

  /**
   * Before a deemed acceptance: clock `clockId` is case `caseId`'s running acceptance clock, due by `at`.
   * @throws Conflict (stale_deadline) otherwise: stopped, paused by a supplement request, another
   *   case's, or not yet due (recomputed later since the sweep read it)
   */
  async checkAcceptanceDue(m: EntityManager, caseId: string, clockId: string, at: Date): Promise<void> {
    const [clock] = (await new ClockRepository(m).openOfCase(caseId, ['acceptance'])).filter(
      (c) => c.id === clockId,
    );
    if (!clock || clock.status !== 'running' || clock.dueAt! > at) {
      throw new Conflict(
        'stale_deadline',
        `acceptance clock ${clockId} is not running and due for this case`,
        {
          clockId,
        },
      );
    }
  }

  /**
   * Computes clock `clock`'s schedule again on today's calendar (an official year entered), reading
   * through the transaction `m`: the new schedule, or null when it is paused or nothing moved.
   */
  async recomputed(m: EntityManager, clock: StoredClock): Promise<ClockSchedule | null> {
    if (clock.status !== 'running') return null;
    const schedule = this.schedule(await this.law.calendar(m), clock);
    const moved =
      schedule.dueAt!.getTime() !== clock.dueAt?.getTime() ||
      schedule.warnAt!.getTime() !== clock.warnAt?.getTime() ||
      schedule.provisional !== clock.provisional;
    return moved ? schedule : null;
  }

  /** The clocks of case `caseId`, oldest first, as staff see them at `now`. */
  async views(m: EntityManager, caseId: string, now: Date): Promise<ClockView[]> {
    const calendar = await this.law.calendar(m);
    return (await new ClockRepository(m).ofCase(caseId)).map((clock) => ({
      id: clock.id,
      stage: clock.stage,
      party: clock.party,
      status: clock.status === 'stopped' ? clock.outcome! : clock.status,
      startedAt: clock.startedAt,
      countedFrom: clock.countedFrom,
      budgetWorkingDays: clock.budgetWorkingDays,
      extendedWorkingDays: clock.extendedWorkingDays,
      extensionReason: clock.extensionReason,
      pauses: clock.pauses,
      dueDate: clock.dueDate,
      dueAt: clock.dueAt,
      provisional: clock.provisional,
      warnAt: clock.warnAt,
      warnedAt: clock.warnedAt,
      overdueAt: clock.overdueAt,
      workingDaysLeft:
        clock.status === 'running' && clock.dueDate ? workingDaysLeft(calendar, clock.dueDate, now) : null,
      usedWorkingDays: clock.usedWorkingDays,
      stoppedAt: clock.stoppedAt,
    }));
  }

  /** The period of a clock with `clock`'s terms (`clockPeriod`); null while a pause is open. */
  private period(calendar: WorkingDayCalendar, clock: ClockTerms): ClockPeriod | null {
    return clockPeriod(calendar, {
      startedAt: clock.startedAt,
      workingDays: clock.budgetWorkingDays + clock.extendedWorkingDays,
      pauses: clock.pauses,
    });
  }

  /** The schedule of a running clock with `clock`'s terms (all its pauses closed). */
  private schedule(calendar: WorkingDayCalendar, clock: ClockTerms): ClockSchedule {
    const period = this.period(calendar, clock)!;
    return {
      countedFrom: period.countedFrom,
      dueDate: period.dueDate,
      dueAt: period.dueAt,
      warnAt: period.warnAt,
      provisional: period.provisional,
    };
  }
}

/** What a clock's period is computed from. */
type ClockTerms = Pick<StoredClock, 'startedAt' | 'budgetWorkingDays' | 'extendedWorkingDays' | 'pauses'>;

/** The pauses with the open one closed at `at`. */
function closePauses(pauses: readonly StoredClockPause[], at: Date): StoredClockPause[] {
  return pauses.map((pause) => (pause.to === null ? { ...pause, to: at } : pause));
}
