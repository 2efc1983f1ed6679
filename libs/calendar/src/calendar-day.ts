import { BEIJING_OFFSET_MS } from '@app/common';

/**
 * Days as the calendar counts them: a day of the Gregorian calendar written `YYYY-MM-DD`, the same
 * day for everyone in China (Beijing time, UTC+8). Arithmetic runs on UTC fields of `Date` only
 * (`Date.UTC`, `getUTC*`): never the process's local time, so the server's time zone changes nothing.
 */

/** A calendar day, `YYYY-MM-DD` (e.g. `2027-01-04`). */
export type CalendarDay = string;

const DAY_MS = 24 * 3600 * 1000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (a day count, not ms) of `day`, or NaN when `day` is not a real `YYYY-MM-DD` day. */
function dayNumber(day: CalendarDay): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) return NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2027-02-30 over to March: such a day is not a day.
  return new Date(ms).toISOString().slice(0, 10) === day ? ms / DAY_MS : NaN;
}

const dayFromNumber = (n: number): CalendarDay => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Whether `value` is a real day written `YYYY-MM-DD` (not `2027-02-30`, not `2027-2-3`). */
export function isCalendarDay(value: unknown): value is CalendarDay {
  return typeof value === 'string' && !Number.isNaN(dayNumber(value));
}

/**
 * `day` itself, checked.
 * @throws RangeError when `day` is not a real `YYYY-MM-DD` day
 */
export function checkCalendarDay(day: CalendarDay): CalendarDay {
  if (!isCalendarDay(day)) throw new RangeError(`not a day written YYYY-MM-DD: ${JSON.stringify(day)}`);
  return day;
}

/**
 * The day `calendarDays` calendar days (not working days) after `day`; negative goes back.
 * @throws RangeError when `day` is not a real day
 */
export function addCalendarDays(day: CalendarDay, calendarDays: number): CalendarDay {
  return dayFromNumber(dayNumber(checkCalendarDay(day)) + calendarDays);
}

/** Whether `day` is a Saturday or a Sunday (the weekly rest days, 国务院关于职工工作时间的规定 art. 7). */
export function isWeekend(day: CalendarDay): boolean {
  const weekday = new Date(dayNumber(checkCalendarDay(day)) * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The year of `day`, e.g. 2027. */
export const yearOf = (day: CalendarDay): number => Number(checkCalendarDay(day).slice(0, 4));

/** Every day of `year`, 1 January to 31 December, in order. */
export function daysOfYear(year: number): CalendarDay[] {
  const first = Date.UTC(year, 0, 1) / DAY_MS;
  const count = Date.UTC(year + 1, 0, 1) / DAY_MS - first;
  return Array.from({ length: count }, (_, i) => dayFromNumber(first + i));
}

/** Minutes since midnight, Beijing time, of the instant `at` (0 … 1439). */
export function beijingMinuteOfDay(at: Date): number {
  const wall = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}

/** The last instant of `day` in Beijing: `day` 23:59:59.999 +08:00 (民法典 art. 203: a period's last day ends at 24:00). */
export function endOfBeijingDay(day: CalendarDay): Date {
  return new Date((dayNumber(checkCalendarDay(day)) + 1) * DAY_MS - BEIJING_OFFSET_MS - 1);
}
