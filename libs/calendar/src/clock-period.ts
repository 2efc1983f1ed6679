import { beijingDate } from '@app/common';
import { type CalendarDay } from './calendar-day';
import type { WorkingDayCalendar } from './working-day-calendar';

/** Share of a clock's working days after which a warning is raised (issue 12: at 80 %). */
export const WARNING_SHARE = 0.8;

/** One interval a clock stood still: from `from` until `to` (null: still paused). */
export interface ClockPauseInterval {
  from: Date;
  to: Date | null;
}

/** What a clock's period is made of: its starting event, its working days, its pauses. */
export interface ClockTerms {
  /** The instant of the starting event (receipt, arrival, acceptance, decision …). */
  startedAt: Date;
  /** The period in statutory working days: the budget plus any extension. */
  workingDays: number;
  /** The intervals it stood still, oldest first; at most the last one open. */
  pauses: readonly ClockPauseInterval[];
  /** The office's closing time, `HH:MM` Beijing time (default: the calendar's, 17:00). */
  officeClosesAt?: string;
}

/** When a clock's period ends and when it warns, by the counting rules of `WorkingDayCalendar.dueDate`. */
export interface ClockPeriod {
  /** The working day the starting event counts on, Beijing time (the period starts the day after). */
  countedFrom: CalendarDay;
  /** Working days the closed pauses took out of the period. */
  pausedWorkingDays: number;
  /** The last working day of the period (extended by the pauses), Beijing time. */
  dueDate: CalendarDay;
  /** The end of `dueDate`, 23:59:59.999 Beijing time: the due moment. */
  dueAt: Date;
  /**
   * When the warning is due: the end of the working day by which WARNING_SHARE of the period is used
   * (day 4 of 5, day 16 of 20), or the start of the due day when that share is less than one day.
   */
  warnAt: Date;
  /** A provisional year was consulted: the dates may move when the State Council's notice is entered. */
  provisional: boolean;
}

/**
 * The working day an instant counts on: its own Beijing day when that is a working day and the
 * instant is before the office closes, else the next working day (the counting rule of
 * `WorkingDayCalendar.dueDate`, with a period of 0).
 */
export function countingDay(calendar: WorkingDayCalendar, at: Date, officeClosesAt?: string): CalendarDay {
  return calendar.dueDate(at, 0, { officeClosesAt }).countedFrom;
}

/**
 * The period of a clock that is not paused now (its pauses all closed), by the law's calendar: the
 * `workingDays` working days after the day its starting event counts on, lengthened by the working
 * days each pause took. A pause from instant `p` to instant `r` takes the working days after the
 * day `p` counts on up to and including the day `r` counts on (行政许可法 art. 45: 所需时间不计算在
 * 期限内; a pause begun and ended on the same working day takes none), so a clock resumed counts on,
 * like a period that starts again the day after its event (art. 82 and 民法典 art. 201).
 * @returns null while the last pause is open: a paused clock has no due moment
 * @throws RangeError from the calendar: a year on the way no source answers, a bad closing time
 */
export function clockPeriod(calendar: WorkingDayCalendar, terms: ClockTerms): ClockPeriod | null {
  if (terms.pauses.some((pause) => pause.to === null)) return null;
  const options = { officeClosesAt: terms.officeClosesAt };
  let provisional = false;
  let pausedWorkingDays = 0;
  for (const pause of terms.pauses) {
    const taken = calendar.workingDaysBetween(
      countingDay(calendar, pause.from, terms.officeClosesAt),
      countingDay(calendar, pause.to!, terms.officeClosesAt),
    );
    provisional ||= taken.provisional;
    pausedWorkingDays += Math.max(0, taken.workingDays);
  }
  const due = calendar.dueDate(terms.startedAt, terms.workingDays + pausedWorkingDays, options);
  const warnDays = Math.floor(terms.workingDays * WARNING_SHARE);
  const warnAt =
    warnDays === 0
      ? new Date(due.dueAt.getTime() - 24 * 3600 * 1000 + 1)
      : calendar.dueDate(terms.startedAt, warnDays + pausedWorkingDays, options).dueAt;
  return {
    countedFrom: due.countedFrom,
    pausedWorkingDays,
    dueDate: due.dueDate,
    dueAt: due.dueAt,
    warnAt,
    provisional: provisional || due.provisional,
  };
}

/**
 * Working days left until `dueDate`, seen at `now` (Beijing time): the working days after today up
 * to and including the due day, as the period itself counts them (a case received today with a
 * period of 15 has 15 left); 0 on the due day (due today, 今日到期); negative once it is over (minus
 * the working days late). In statutory working days.
 * @throws RangeError from the calendar
 */
export function workingDaysLeft(calendar: WorkingDayCalendar, dueDate: CalendarDay, now: Date): number {
  return calendar.workingDaysBetween(beijingDate(now), dueDate).workingDays;
}

/**
 * Working days a stopped clock used: from the day its event counted on to the day it stopped
 * (Beijing time), less the working days it stood paused; never below 0. For supervision's
 * per-stage figures.
 * @throws RangeError from the calendar
 */
export function workingDaysUsed(
  calendar: WorkingDayCalendar,
  period: Pick<ClockPeriod, 'countedFrom' | 'pausedWorkingDays'>,
  stoppedAt: Date,
): number {
  const spent = calendar.workingDaysBetween(period.countedFrom, beijingDate(stoppedAt)).workingDays;
  return Math.max(0, spent - period.pausedWorkingDays);
}
