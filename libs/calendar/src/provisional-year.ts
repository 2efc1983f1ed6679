import { addCalendarDays, type CalendarDay, isWeekend } from './calendar-day';
import { dayOfLunarDate, qingmingDay } from './lunar-days';
import type { YearArrangement } from './year-arrangement';

/**
 * A year computed from the statutory holiday rules alone, for a year whose State Council notice is not known
 * here. The rules: 全国年节及纪念日放假办法 as amended by the State Council's decision of 10 November 2024
 * (国务院令第795号), in force since 1 January 2025.
 *
 * Art. 2, the festivals every citizen has off:
 *   (一) 元旦，放假1天（1月1日）；
 *   (二) 春节，放假4天（农历除夕、正月初一至初三）；
 *   (三) 清明节，放假1天（农历清明当日）；
 *   (四) 劳动节，放假2天（5月1日、2日）；
 *   (五) 端午节，放假1天（农历端午当日）；
 *   (六) 中秋节，放假1天（农历中秋当日）；
 *   (七) 国庆节，放假3天（10月1日至3日）。
 * Art. 6: 全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假。(A holiday that falls on a Saturday or
 * Sunday is made up on a working day.) The article does not say which working day; the notices give the first
 * ones after the festival, and so do we: each festival day on a weekend, or on a day another festival already
 * takes (国庆 and 中秋 on one day), gives the first weekday after it that is not yet a day off.
 * Art. 7 lets the State Council move rest days around a festival (调休) each year; that cannot be foreseen, so a
 * provisional year has no adjusted working days and may count a day as working that the notice will give off:
 * every answer built on it says `provisional: true` until the official arrangement is entered.
 */

/** The first year the rules above hold for; earlier years have other rules (春节 3 days, 劳动节 1 day). */
export const STATUTORY_RULES_SINCE_YEAR = 2025;

/** The last year the package's lunar table (1900 … 2100) covers whole. */
const LUNAR_TABLE_LAST_YEAR = 2099;

/** Art. 2's festival days of `year`, one entry per day each festival has off (a day two festivals share appears twice). */
function festivalDays(year: number): CalendarDay[] {
  const lunarNewYear = dayOfLunarDate(year, 1, 1);
  return [
    `${year}-01-01`, // 元旦
    addCalendarDays(lunarNewYear, -1), // 春节: 除夕 …
    lunarNewYear,
    addCalendarDays(lunarNewYear, 1),
    addCalendarDays(lunarNewYear, 2), // … 正月初三
    qingmingDay(year), // 清明
    `${year}-05-01`, // 劳动节
    `${year}-05-02`,
    dayOfLunarDate(year, 5, 5), // 端午
    dayOfLunarDate(year, 8, 15), // 中秋
    `${year}-10-01`, // 国庆节
    `${year}-10-02`,
    `${year}-10-03`,
  ];
}

/**
 * The provisional arrangement of `year` (source `provisional`): art. 2's festival days plus art. 6's substitute
 * days off (补假), no adjusted working days.
 * @throws RangeError for a year before `STATUTORY_RULES_SINCE_YEAR` or outside the lunar table (after 2099)
 */
export function provisionalArrangement(year: number): YearArrangement {
  if (!Number.isInteger(year) || year < STATUTORY_RULES_SINCE_YEAR || year > LUNAR_TABLE_LAST_YEAR) {
    throw new RangeError(
      `no provisional year ${year}: the rules hold since ${STATUTORY_RULES_SINCE_YEAR}, the lunar table ends in ${LUNAR_TABLE_LAST_YEAR}`,
    );
  }
  const festival = festivalDays(year).sort();
  const daysOff = new Set(festival);
  festival.forEach((day, i) => {
    if (!isWeekend(day) && festival[i - 1] !== day) return;
    let substitute = addCalendarDays(day, 1);
    while (isWeekend(substitute) || daysOff.has(substitute)) substitute = addCalendarDays(substitute, 1);
    daysOff.add(substitute);
  });
  return { year, holidays: [...daysOff].sort(), adjustedWorkingDays: [], source: 'provisional' };
}
