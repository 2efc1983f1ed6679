import libraryData from 'chinese-days/dist/chinese-days.json';
import { yearOf } from './calendar-day';
import type { YearArrangement } from './year-arrangement';

/**
 * The State Council's notices as the `chinese-days` package keeps them (version pinned in package.json; its
 * source cites each year's notice on gov.cn). We read the package's published data file
 * (`dist/chinese-days.json`: `holidays` and `workdays` keyed by `YYYY-MM-DD`), not its date functions: those
 * read dates in the process's time zone and answer the day before west of UTC. Its `holidays` list every day off
 * of a festival block, weekends inside the block included; its `workdays` are the adjusted working days.
 *
 * A year the package has no entry for is not known to it: the package's date functions would then count plain
 * weekdays (it calls 2027-01-01 a working day), which is why `libraryArrangement` answers `undefined` there
 * and the calendar falls back to a provisional year instead.
 */

const byYear = new Map<number, YearArrangement>();
const arrangementOf = (year: number): YearArrangement => {
  let arrangement = byYear.get(year);
  if (!arrangement) {
    arrangement = { year, holidays: [], adjustedWorkingDays: [], source: 'library' };
    byYear.set(year, arrangement);
  }
  return arrangement;
};
for (const day of Object.keys(libraryData.holidays)) arrangementOf(yearOf(day)).holidays.push(day);
for (const day of Object.keys(libraryData.workdays)) {
  arrangementOf(yearOf(day)).adjustedWorkingDays.push(day);
}

/** The years the package has notices for, read from its data (2004 … 2026 in chinese-days 1.5.7). */
export const LIBRARY_YEARS: readonly number[] = [...byYear.keys()].sort((a, b) => a - b);

/** The package's arrangement of `year` (source `library`), or `undefined` when the package does not know the year. */
export const libraryArrangement = (year: number): YearArrangement | undefined => byYear.get(year);
