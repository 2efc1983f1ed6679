import { getLunarDate, getSolarTermDate } from 'chinese-days';
import { addCalendarDays, type CalendarDay, daysOfYear } from './calendar-day';

/**
 * Lunar dates and the 清明 solar term from the `chinese-days` package, read so that the process's time zone
 * changes nothing. The package computes a lunar date from the whole days between the day given as `YYYY-MM-DD`
 * and a fixed instant (TZ-proof), but it *prints* every day through the process's local time, from the UTC
 * midnight of that day: west of UTC it prints the day before (2027-04-05 comes out as 2027-04-04 in
 * America/Los_Angeles). So lunar dates are looked up by Gregorian day (`lunarMon`, `lunarDay`, `isLeap` only),
 * and a day the package prints is mapped back by `dayThePackagePrinted`.
 */

/**
 * The day the package meant when it printed `printed`: the day `d` among `printed` and the day after whose
 * print is `printed` (the package prints `d` through the same local-time formatting for every date it writes).
 * @throws Error when neither fits (a package whose printing changed: the pinned version guards against it)
 */
function dayThePackagePrinted(printed: CalendarDay): CalendarDay {
  const candidate = [printed, addCalendarDays(printed, 1)].find((day) => getLunarDate(day).date === printed);
  if (!candidate) throw new Error(`chinese-days printed ${printed}, which no day prints as`);
  return candidate;
}

/**
 * The Gregorian day of `year` that is day `lunarDay` of lunar month `lunarMonth` (not the leap month of the same
 * number), e.g. (2027, 1, 1) → `2027-02-06`, 正月初一.
 * @throws RangeError when `year` holds no such day or two (outside the package's lunar table, 1900 … 2100)
 */
export function dayOfLunarDate(year: number, lunarMonth: number, lunarDay: number): CalendarDay {
  const days = daysOfYear(year).filter((day) => {
    const lunar = getLunarDate(day);
    return lunar.lunarMon === lunarMonth && lunar.lunarDay === lunarDay && !lunar.isLeap;
  });
  if (days.length !== 1) {
    throw new RangeError(`${year} holds ${days.length} days of lunar month ${lunarMonth} day ${lunarDay}`);
  }
  return days[0];
}

/** The day of the solar term 清明 (pure brightness) in `year`, e.g. `2027-04-05`. */
export const qingmingDay = (year: number): CalendarDay =>
  dayThePackagePrinted(getSolarTermDate(year, 4, 'pure_brightness'));
