import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { parseInstant } from '@app/calendar';
import { CalendarService, type CalendarYearEntry, type DueDateView } from '@app/cases';
import { withCaseService } from './case-context';

const CALENDAR_YEAR_USAGE =
  'usage: node dist/apps/cli/main.js calendar-year --year <YYYY> --file <json: { holidays, adjustedWorkingDays, source }>';
const DUE_DATE_USAGE =
  'usage: node dist/apps/cli/main.js due-date --from <ISO 8601 instant, e.g. 2027-02-01T09:30+08:00> --working-days <n>';

/** The named options of `args`, each required, or an Error with `usage`. */
function options<K extends string>(args: string[], names: readonly K[], usage: string): Record<K, string> {
  const { values } = (() => {
    try {
      return parseArgs({
        args,
        options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
      });
    } catch {
      throw new Error(usage);
    }
  })();
  if (names.some((n) => typeof values[n] !== 'string')) throw new Error(usage);
  return values as Record<K, string>;
}

/**
 * `calendar-year --year 2027 --file <json>`: stores the year's official arrangement from the State Council's
 * notice, as `PUT /calendar/years/:year` does, entered by `cli:<os user>` (whoever can run the cli holds the
 * database); the file is `{ "holidays": [...], "adjustedWorkingDays": [...], "source": "<notice>" }`.
 * Prints the year stored and how many days each list has.
 * @throws Error with the usage, a file that is not JSON, or the field refused (InvalidInput)
 */
export async function calendarYearCommand(args: string[]): Promise<void> {
  const { year, file } = options(args, ['year', 'file'], CALENDAR_YEAR_USAGE);
  if (!/^\d{4}$/.test(year)) throw new Error(CALENDAR_YEAR_USAGE);
  const entry = JSON.parse(await readFile(file, 'utf8')) as CalendarYearEntry;
  const stored = await withCaseService(CalendarService, (calendar) =>
    calendar.storeYear({ role: 'admin', username: `cli:${userInfo().username}` }, Number(year), entry),
  );
  process.stdout.write(
    `${stored.year} official (${stored.sourceNote}): ${stored.holidays.length} holidays, ` +
      `${stored.adjustedWorkingDays.length} adjusted working days; ` +
      `${stored.recomputed.clocks} open clocks of ${stored.recomputed.cases} cases recomputed\n`,
  );
}

/**
 * `due-date --from <ISO 8601 instant> --working-days <n>`: when a period of `n` statutory working days
 * starting at that instant ends, on the stored official years. Prints the due date `YYYY-MM-DD` first on the
 * first line, followed by ` provisional` when a year without official data was used; then the due moment.
 * @throws Error with the usage when an option is missing or malformed
 */
export async function dueDateCommand(args: string[]): Promise<DueDateView> {
  const values = options(args, ['from', 'working-days'], DUE_DATE_USAGE);
  const from = parseInstant(values.from);
  if (!from || !/^\d{1,4}$/.test(values['working-days'])) throw new Error(DUE_DATE_USAGE);
  const due = await withCaseService(CalendarService, (calendar) =>
    calendar.dueDate(from, Number(values['working-days'])),
  );
  process.stdout.write(
    `${due.dueDate}${due.provisional ? ' provisional' : ''}\n` +
      `due at ${due.dueDate} 24:00 Beijing time; counted from ${due.countedFrom}\n`,
  );
  return due;
}
