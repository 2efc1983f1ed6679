import type { ArrangementSource } from '@app/calendar';
import type { CalendarYearEntry, CalendarYearView } from '@app/cases';
import { invalidField } from '@app/common';

/** Where each year's arrangement comes from, in words: official or provisional, never by colour alone. */
export const SOURCE_WORDS: Readonly<Record<ArrangementSource, string>> = {
  official: '官方（已录入通知）',
  library: '内置数据（未录入通知）',
  provisional: '暂定（按规则推算，可能调整）',
};

/** A year as the calendar page lists it. */
export interface CalendarYearRow {
  year: number;
  source: ArrangementSource;
  sourceWords: string;
  holidays: number;
  adjustedWorkingDays: number;
  note: string;
  enteredBy: string;
  enteredAt: Date | null;
}

/** `view` as a row of the calendar page. */
export function calendarYearRow(view: CalendarYearView): CalendarYearRow {
  return {
    year: view.year,
    source: view.source,
    sourceWords: SOURCE_WORDS[view.source],
    holidays: view.holidays.length,
    adjustedWorkingDays: view.adjustedWorkingDays.length,
    note: view.sourceNote ?? '',
    enteredBy: view.enteredBy ?? '',
    enteredAt: view.enteredAt,
  };
}

/** Days as typed in a text area: separated by spaces, new lines, commas or 、, empty pieces dropped. */
export function daysOf(text: string): string[] {
  return text.split(/[\s,，、;；]+/u).filter((d) => d !== '');
}

/**
 * The year and the arrangement of the posted calendar form (`year`, `holidays`, `adjustedWorkingDays`,
 * `source`): the days are checked by CalendarService (checkOfficialArrangement), the year's shape here.
 * @throws InvalidInput (400, field `year`) not a year written with four digits
 */
export function calendarEntryOf(form: Record<string, string>): { year: number; entry: CalendarYearEntry } {
  if (!/^\d{4}$/.test(form.year ?? '')) throw invalidField('year', '请填写四位数的年份，例如 2027');
  return {
    year: Number(form.year),
    entry: {
      holidays: daysOf(form.holidays ?? ''),
      adjustedWorkingDays: daysOf(form.adjustedWorkingDays ?? ''),
      source: form.source ?? '',
    },
  };
}
