import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  checkOfficialArrangement,
  WorkingDayCalendar,
  type ArrangementSource,
  type CalendarDay,
  type YearArrangement,
} from '@app/calendar';
import { assertMay, invalidField, type Role } from '@app/common';
import { CalendarYearRepository, type StoredCalendarYear } from '@app/db';

/** A year's official arrangement as an admin enters it from the State Council's notice. */
export interface CalendarYearEntry {
  /** Days off, `YYYY-MM-DD`, all in the year. */
  holidays: CalendarDay[];
  /** Saturdays and Sundays worked, `YYYY-MM-DD`, all in the year, none a holiday too. */
  adjustedWorkingDays: CalendarDay[];
  /** Where it comes from, e.g. the notice's number 国办发明电〔2026〕7号. */
  source: string;
}

/** The arrangement in effect for a year, and where it comes from; the note, who and when only for `official`. */
export interface CalendarYearView {
  year: number;
  source: ArrangementSource;
  holidays: CalendarDay[];
  adjustedWorkingDays: CalendarDay[];
  sourceNote: string | null;
  enteredBy: string | null;
  enteredAt: Date | null;
}

/** When a period of statutory working days that starts at `from` ends (`WorkingDayCalendar.dueDate`). */
export interface DueDateView {
  from: Date;
  workingDays: number;
  /** The day the starting event counts on (a working day), Beijing time. */
  countedFrom: CalendarDay;
  dueDate: CalendarDay;
  /** The end of `dueDate`, 23:59:59.999 Beijing time. */
  dueAt: Date;
  /** A year without official data was used: the date may move when the State Council's notice is entered. */
  provisional: boolean;
}

/** Who enters a year: an admin by username, or the cli as `cli:<os user>`. */
export interface CalendarKeeper {
  role: Role;
  username: string;
}

const officialArrangement = (stored: StoredCalendarYear): YearArrangement => ({
  year: stored.year,
  holidays: stored.holidays,
  adjustedWorkingDays: stored.adjustedWorkingDays,
  source: 'official',
});

/**
 * Checks what the DTO checks at the api, for the cli's file too: two lists and a source note.
 * @throws InvalidInput (400) naming `holidays`, `adjustedWorkingDays` or `source`
 */
function checkEntryShape(entry: CalendarYearEntry): void {
  for (const field of ['holidays', 'adjustedWorkingDays'] as const) {
    if (!Array.isArray(entry[field])) throw invalidField(field, 'must be a list of days YYYY-MM-DD');
  }
  if (typeof entry.source !== 'string' || !entry.source.trim()) {
    throw invalidField('source', "must name the State Council's notice, e.g. 国办发明电〔2026〕7号");
  }
}

/**
 * The working-day calendar of this deployment: `WorkingDayCalendar` built from the official years stored
 * in `calendar_years` (which win over the library and the provisional rules), cached per process and rebuilt
 * when this process stores a year (another process sees it when it restarts). Entering a year is an admin's
 * act (`keepCalendar`), audited in `calendar_year_changes`. Open cases' clocks are not recomputed here.
 */
@Injectable()
export class CalendarService {
  private calendar?: Promise<WorkingDayCalendar>;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores `entry` as the official arrangement of `year` (replacing the one stored) and audits the change.
   * @throws NotAllowed (403) `by` is not an admin
   * @throws InvalidInput (400) naming `year`, `holidays` or `adjustedWorkingDays` (`checkOfficialArrangement`:
   *   a day not of `year`, a weekday adjusted to work, a day in both lists)
   */
  async storeYear(by: CalendarKeeper, year: number, entry: CalendarYearEntry): Promise<CalendarYearView> {
    assertMay(by, 'keepCalendar');
    checkEntryShape(entry);
    const { holidays, adjustedWorkingDays } = checkOfficialArrangement({
      year,
      holidays: entry.holidays,
      adjustedWorkingDays: entry.adjustedWorkingDays,
      source: 'official',
    });
    const stored = await this.dataSource.transaction((m) =>
      new CalendarYearRepository(m).store({
        year,
        holidays: [...holidays].sort(),
        adjustedWorkingDays: [...adjustedWorkingDays].sort(),
        sourceNote: entry.source,
        enteredBy: by.username,
      }),
    );
    this.calendar = undefined;
    return { ...officialArrangement(stored), ...stored };
  }

  /**
   * The arrangement in effect for `year`: official (with its note, who and when), else the library's, else
   * provisional.
   * @throws InvalidInput (400, field `year`) a year no source answers (before 2004, after 2099)
   */
  async year(year: number): Promise<CalendarYearView> {
    const calendar = await this.current();
    const arrangement = this.answering('year', () => calendar.yearArrangement(year));
    const stored =
      arrangement.source === 'official'
        ? await new CalendarYearRepository(this.dataSource.manager).find(year)
        : null;
    return {
      ...arrangement,
      sourceNote: stored?.sourceNote ?? null,
      enteredBy: stored?.enteredBy ?? null,
      enteredAt: stored?.enteredAt ?? null,
    };
  }

  /**
   * When a period of `workingDays` statutory working days starting with an event at `from` ends, by the
   * counting rules of `WorkingDayCalendar.dueDate`, on the stored official years.
   * @throws InvalidInput (400, field `from`) the period runs into a year no source answers
   */
  async dueDate(from: Date, workingDays: number): Promise<DueDateView> {
    const calendar = await this.current();
    const due = this.answering('from', () => calendar.dueDate(from, workingDays));
    return { from, workingDays, ...due };
  }

  /**
   * The working-day calendar on the official years stored, built once per process and again after this
   * process stores a year; for arithmetic elsewhere (delay attribution, clocks).
   */
  current(): Promise<WorkingDayCalendar> {
    this.calendar ??= new CalendarYearRepository(this.dataSource.manager).all().then(
      (years) => new WorkingDayCalendar({ official: years.map(officialArrangement) }),
      (error: unknown) => {
        this.calendar = undefined;
        throw error;
      },
    );
    return this.calendar;
  }

  /** `answer()`, with the calendar's RangeError (a year no source answers) as a 400 naming `field`. */
  private answering<T>(field: string, answer: () => T): T {
    try {
      return answer();
    } catch (error) {
      if (error instanceof RangeError) throw invalidField(field, error.message);
      throw error;
    }
  }
}
