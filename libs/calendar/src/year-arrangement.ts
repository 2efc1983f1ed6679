import { invalidField } from '@app/common';
import { type CalendarDay, isCalendarDay, isWeekend, yearOf } from './calendar-day';

/**
 * Where a year's arrangement comes from, strongest first:
 * - `official`: the State Council's notice for the year (国务院办公厅关于 … 部分节假日安排的通知), entered by an admin;
 * - `library`: the notices as kept by the `chinese-days` package (one file per year it knows);
 * - `provisional`: computed from the statutory rules alone (`provisionalArrangement`), for a year whose notice
 *   is not known here; every answer that uses such a year says `provisional: true`.
 */
export type ArrangementSource = 'official' | 'library' | 'provisional';

/**
 * One year's days off and adjusted working days (法定工作日 / 调休, GLOSSARY). A day of the year is a working
 * day when it is an adjusted working day, or a Monday to Friday that is not a holiday.
 */
export interface YearArrangement {
  /** The Gregorian year, e.g. 2027. */
  year: number;
  /** Days off for a festival (法定节假日, 补假 and 调休 rest days), `YYYY-MM-DD`, all in `year`; weekends inside a block may be listed too. */
  holidays: CalendarDay[];
  /** Saturdays and Sundays that are working days (调休上班), `YYYY-MM-DD`, all in `year`. */
  adjustedWorkingDays: CalendarDay[];
  source: ArrangementSource;
}

/**
 * Checks an arrangement an admin enters from the State Council's notice before it is used: `source` is
 * `official`; every day is a real `YYYY-MM-DD` day of `year`; an adjusted working day is a Saturday or Sunday
 * (a weekday is a working day anyway) and is not also a holiday.
 * @throws InvalidInput (400) naming the field (`year`, `source`, `holidays`, `adjustedWorkingDays`)
 */
export function checkOfficialArrangement(arrangement: YearArrangement): YearArrangement {
  const { year, holidays, adjustedWorkingDays, source } = arrangement;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw invalidField('year', 'a year such as 2027');
  }
  if (source !== 'official') throw invalidField('source', "an admin's arrangement is 'official'");
  for (const field of ['holidays', 'adjustedWorkingDays'] as const) {
    const stray = arrangement[field].find((day: unknown) => !isCalendarDay(day) || yearOf(day) !== year);
    if (stray !== undefined) {
      throw invalidField(field, `${JSON.stringify(stray)} is not a day of ${year} written YYYY-MM-DD`);
    }
  }
  const weekday = adjustedWorkingDays.find((day) => !isWeekend(day));
  if (weekday !== undefined) {
    throw invalidField(
      'adjustedWorkingDays',
      `${weekday} is a weekday: only a Saturday or Sunday can be adjusted to work`,
    );
  }
  const both = adjustedWorkingDays.find((day) => holidays.includes(day));
  if (both !== undefined) {
    throw invalidField('adjustedWorkingDays', `${both} is listed as a holiday too`);
  }
  return arrangement;
}
