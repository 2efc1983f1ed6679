import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkOfficialArrangement, type ArrangementSource, type CalendarDay } from '@app/calendar';
import { assertMay, invalidField, type Role } from '@app/common';
import { CalendarYearRepository } from '@app/db';
import { ClockRecomputation, type RecomputedClocks } from './clock-recomputation';
import { LawCalendar, officialArrangement } from './law-calendar';

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
 * The working-day calendar of this deployment as admins and clerks use it (LawCalendar: the official
 * years stored in `calendar_years` win over the library and the provisional rules). Entering a year is
 * an admin's act (`keepCalendar`), audited in `calendar_year_changes`; the open clocks it moves are
 * recomputed and each change recorded in its case's history (ClockRecomputation).
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly law: LawCalendar,
    private readonly recomputation: ClockRecomputation,
  ) {}

  /**
   * Stores `entry` as the official arrangement of `year` (replacing the one stored) and audits the change;
   * then recomputes the open clocks whose schedule used a provisional year, recording each case's change
   * in its history (`recomputed`: how many clocks and cases moved).
   * @throws NotAllowed (403) `by` is not an admin
   * @throws InvalidInput (400) naming `year`, `holidays` or `adjustedWorkingDays` (`checkOfficialArrangement`:
   *   a day not of `year`, a weekday adjusted to work, a day in both lists)
   */
  async storeYear(
    by: CalendarKeeper,
    year: number,
    entry: CalendarYearEntry,
  ): Promise<CalendarYearView & { recomputed: RecomputedClocks }> {
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
    this.law.invalidate();
    const recomputed = await this.recomputation.afterOfficialYear(year, by);
    return { ...officialArrangement(stored), ...stored, recomputed };
  }

  /**
   * The arrangement in effect for `year`: official (with its note, who and when), else the library's, else
   * provisional.
   * @throws InvalidInput (400, field `year`) a year no source answers (before 2004, after 2099)
   */
  async year(year: number): Promise<CalendarYearView> {
    const calendar = await this.law.calendar();
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
   * The years an admin looks after (admin only): every year stored as official, and the years `around`
   * (e.g. last, this and next year), each as `year` answers it (official, library or provisional),
   * oldest first.
   * @throws NotAllowed (403) `by` is not an admin
   * @throws InvalidInput (400, field `year`) a year of `around` no source answers (before 2004, after 2099)
   */
  async yearsKept(by: CalendarKeeper, around: readonly number[]): Promise<CalendarYearView[]> {
    assertMay(by, 'keepCalendar');
    const stored = await new CalendarYearRepository(this.dataSource.manager).all();
    const years = [...new Set([...stored.map((s) => s.year), ...around])].sort((a, b) => a - b);
    return Promise.all(years.map((year) => this.year(year)));
  }

  /**
   * When a period of `workingDays` statutory working days starting with an event at `from` ends, by the
   * counting rules of `WorkingDayCalendar.dueDate`, on the stored official years.
   * @throws InvalidInput (400, field `from`) the period runs into a year no source answers
   */
  async dueDate(from: Date, workingDays: number): Promise<DueDateView> {
    const calendar = await this.law.calendar();
    const due = this.answering('from', () => calendar.dueDate(from, workingDays));
    return { from, workingDays, ...due };
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
