import { beijingDate } from '@app/common';
import {
  addCalendarDays,
  beijingMinuteOfDay,
  type CalendarDay,
  checkCalendarDay,
  endOfBeijingDay,
  isWeekend,
  yearOf,
} from './calendar-day';
import { libraryArrangement } from './library-arrangements';
import { provisionalArrangement } from './provisional-year';
import { checkOfficialArrangement, type YearArrangement } from './year-arrangement';

/** When the office closes if nothing else is said, Beijing time (issue 12: configurable, default 17:00). */
export const DEFAULT_OFFICE_CLOSES_AT = '17:00';

/** How a calendar is built. */
export interface WorkingDayCalendarOptions {
  /** Arrangements an admin entered from the State Council's notices, at most one per year; each wins for its year. */
  official?: readonly YearArrangement[];
  /** When the office closes, Beijing time, `HH:MM` (default `17:00`); `dueDate` may name another. */
  officeClosesAt?: string;
}

/** Whether one day is a statutory working day. */
export interface WorkingDayAnswer {
  working: boolean;
  /** The day's year is provisional (`provisionalArrangement`): the official notice may say otherwise. */
  provisional: boolean;
}

/** A day reached by counting working days. */
export interface WorkingDayCount {
  day: CalendarDay;
  /** A provisional year was consulted on the way. */
  provisional: boolean;
}

/** A number of working days between two days. */
export interface WorkingDaysBetween {
  /** Working days (not calendar days); negative when the second day is earlier. */
  workingDays: number;
  /** A provisional year was consulted on the way. */
  provisional: boolean;
}

/** When a period of statutory working days ends. */
export interface DueDate {
  /** The day the starting event counts as happening on (a working day), Beijing time. */
  countedFrom: CalendarDay;
  /** The last working day of the period, Beijing time. */
  dueDate: CalendarDay;
  /** The end of `dueDate`: 23:59:59.999 Beijing time. */
  dueAt: Date;
  /** A provisional year was consulted: say so wherever the date is shown, and recompute when the notice lands. */
  provisional: boolean;
}

/** A year's arrangement with its days as sets, for lookups. */
interface ResolvedYear {
  holidays: ReadonlySet<CalendarDay>;
  adjustedWorkingDays: ReadonlySet<CalendarDay>;
  arrangement: YearArrangement;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:MM` time. @throws RangeError when it is not one */
function minutesOf(time: string): number {
  const match = HH_MM.exec(time);
  if (!match) throw new RangeError(`not a time of day written HH:MM: ${JSON.stringify(time)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The statutory working-day calendar: which days count, and the arithmetic of periods in working days, in
 * Beijing time whatever the process's time zone (every instant is read through UTC+8, never local time).
 *
 * A year resolves to the first arrangement that exists: the admin's `official` one, else the `chinese-days`
 * package's (`libraryArrangement`), else a provisional year from the statutory rules (`provisionalArrangement`).
 * A year is never counted as plain weekdays. The calendar is immutable: when an official arrangement is entered,
 * build a new one (and recompute what was provisional).
 *
 * Counting (行政许可法 art. 82: 本法规定的行政机关实施行政许可的期限以工作日计算，不含法定节假日):
 * - the day of the starting event is not counted, the period runs from the next day (民法典 art. 201:
 *   按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算);
 * - an event at or after the office's closing time, or on a day that is not a working day, counts as happening on
 *   the next working day (民法典 art. 203 para. 2: 有业务时间的，停止业务活动的时间为截止时间 — a day's business
 *   ends when the office closes; closing time configurable, issue 12 item 2);
 * - the period ends at the end of its last working day, 24:00 Beijing time (民法典 art. 203 para. 2: 期间的最后一日
 *   的截止时间为二十四时), i.e. 23:59:59.999 +08:00.
 */
export class WorkingDayCalendar {
  private readonly official = new Map<number, YearArrangement>();
  private readonly years = new Map<number, ResolvedYear>();
  private readonly officeClosesAtMinutes: number;

  /**
   * @throws InvalidInput when an official arrangement is malformed (`checkOfficialArrangement`)
   * @throws RangeError when two official arrangements name one year, or `officeClosesAt` is not `HH:MM`
   */
  constructor(options: WorkingDayCalendarOptions = {}) {
    for (const arrangement of options.official ?? []) {
      if (this.official.has(arrangement.year)) {
        throw new RangeError(`two official arrangements for ${arrangement.year}`);
      }
      this.official.set(arrangement.year, checkOfficialArrangement(arrangement));
    }
    this.officeClosesAtMinutes = minutesOf(options.officeClosesAt ?? DEFAULT_OFFICE_CLOSES_AT);
  }

  /**
   * The arrangement that decides `year`: official, else the library's, else provisional.
   * @throws RangeError for a year no source can answer (before 2004, or provisional outside 2025 … 2099)
   */
  yearArrangement(year: number): YearArrangement {
    return this.resolve(year).arrangement;
  }

  /**
   * Whether `day` is a statutory working day: an adjusted working day (调休上班), or a Monday to Friday that is not
   * a holiday of its year's arrangement.
   * @throws RangeError when `day` is not `YYYY-MM-DD` or its year cannot be resolved
   */
  isWorkingDay(day: CalendarDay): WorkingDayAnswer {
    const year = this.resolve(yearOf(checkCalendarDay(day)));
    const working = year.adjustedWorkingDays.has(day) || (!isWeekend(day) && !year.holidays.has(day));
    return { working, provisional: year.arrangement.source === 'provisional' };
  }

  /**
   * The `workingDays`-th working day after `day` (`day` itself not counted, whether it works or not); `day`
   * itself when `workingDays` is 0.
   * @param workingDays a whole number of working days, 0 or more
   * @throws RangeError when `workingDays` is not such a number, or a year on the way cannot be resolved
   */
  addWorkingDays(day: CalendarDay, workingDays: number): WorkingDayCount {
    if (!Number.isSafeInteger(workingDays) || workingDays < 0) {
      throw new RangeError(`working days must be a whole number, 0 or more: ${workingDays}`);
    }
    let current = checkCalendarDay(day);
    let provisional = false;
    for (let left = workingDays; left > 0;) {
      current = addCalendarDays(current, 1);
      const answer = this.isWorkingDay(current);
      provisional ||= answer.provisional;
      if (answer.working) left--;
    }
    return { day: current, provisional };
  }

  /**
   * How many working days lie after `from` up to and including `to` (so `addWorkingDays(a, n)` is `n` working
   * days after `a`); negative when `to` is before `from`. For working days left until a due date (from today),
   * and for working days spent between two events (delay attribution).
   * @throws RangeError when a day is not `YYYY-MM-DD` or a year on the way cannot be resolved
   */
  workingDaysBetween(from: CalendarDay, to: CalendarDay): WorkingDaysBetween {
    checkCalendarDay(from);
    checkCalendarDay(to);
    if (to < from) {
      const back = this.workingDaysBetween(to, from);
      return { workingDays: -back.workingDays, provisional: back.provisional };
    }
    let workingDays = 0;
    let provisional = false;
    for (let day = from; day < to;) {
      day = addCalendarDays(day, 1);
      const answer = this.isWorkingDay(day);
      provisional ||= answer.provisional;
      if (answer.working) workingDays++;
    }
    return { workingDays, provisional };
  }

  /**
   * When a period of `workingDays` statutory working days that starts with an event at the instant `from` ends,
   * by the counting rules above: the event counts on its Beijing day if that is a working day and it happened
   * before the office closed, else on the next working day; the period is the `workingDays` working days after
   * that day; it ends at 23:59:59.999 Beijing time of its last day.
   * @param from the instant of the starting event (receipt, arrival, decision …)
   * @param workingDays the period, in working days (0 or more; 0 ends the day the event counts on)
   * @param options.officeClosesAt this office's closing time, `HH:MM` Beijing time (default: the calendar's)
   * @throws RangeError when `from` is an invalid date, `workingDays` is not a whole number ≥ 0, the closing time
   *   is not `HH:MM`, or a year on the way cannot be resolved
   */
  dueDate(from: Date, workingDays: number, options: { officeClosesAt?: string } = {}): DueDate {
    const closesAt =
      options.officeClosesAt === undefined ? this.officeClosesAtMinutes : minutesOf(options.officeClosesAt);
    const day = beijingDate(from);
    const sameDay = this.isWorkingDay(day);
    const counted =
      sameDay.working && beijingMinuteOfDay(from) < closesAt
        ? { day, provisional: sameDay.provisional }
        : this.addWorkingDays(day, 1);
    const due = this.addWorkingDays(counted.day, workingDays);
    return {
      countedFrom: counted.day,
      dueDate: due.day,
      dueAt: endOfBeijingDay(due.day),
      provisional: sameDay.provisional || counted.provisional || due.provisional,
    };
  }

  private resolve(year: number): ResolvedYear {
    let resolved = this.years.get(year);
    if (!resolved) {
      const arrangement = this.official.get(year) ?? libraryArrangement(year) ?? provisionalArrangement(year);
      resolved = {
        arrangement,
        holidays: new Set(arrangement.holidays),
        adjustedWorkingDays: new Set(arrangement.adjustedWorkingDays),
      };
      this.years.set(year, resolved);
    }
    return resolved;
  }
}
