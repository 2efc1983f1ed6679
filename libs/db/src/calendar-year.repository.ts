import type { EntityManager } from 'typeorm';
import type { CalendarDay } from '@app/calendar';

/** A year's official arrangement as stored in `calendar_years`, days sorted. */
export interface StoredCalendarYear {
  year: number;
  holidays: CalendarDay[];
  adjustedWorkingDays: CalendarDay[];
  /** Where it comes from, e.g. the State Council notice's number. */
  sourceNote: string;
  enteredBy: string;
  enteredAt: Date;
}

/** What an admin enters for a year (already checked: `checkOfficialArrangement`). */
export type NewCalendarYear = Omit<StoredCalendarYear, 'enteredAt'>;

interface CalendarYearRow {
  year: number;
  holidays: string[];
  adjusted_working_days: string[];
  source_note: string;
  entered_by: string;
  entered_at: Date;
}

/** The columns as a `StoredCalendarYear` reads them: days as `YYYY-MM-DD` text, never a local-time Date. */
const COLUMNS = `year,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(adjusted_working_days) d ORDER BY d) AS adjusted_working_days,
  source_note, entered_by, entered_at`;

const stored = (row: CalendarYearRow): StoredCalendarYear => ({
  year: row.year,
  holidays: row.holidays,
  adjustedWorkingDays: row.adjusted_working_days,
  sourceNote: row.source_note,
  enteredBy: row.entered_by,
  enteredAt: row.entered_at,
});

/**
 * The official year arrangements (`calendar_years`) and their append-only audit (`calendar_year_changes`).
 * Works through `m`, the caller's transaction manager or the data source's.
 */
export class CalendarYearRepository {
  constructor(private readonly m: EntityManager) {}

  /** The id of the latest change (0 before any): a calendar built before it is out of date. */
  async latestChange(): Promise<number> {
    const [row]: { id: string }[] = await this.m.query(
      `SELECT coalesce(max(id), 0) AS id FROM calendar_year_changes`,
    );
    return Number(row.id);
  }

  /** Every stored year, oldest first. */
  async all(): Promise<StoredCalendarYear[]> {
    const rows: CalendarYearRow[] = await this.m.query(`SELECT ${COLUMNS} FROM calendar_years ORDER BY year`);
    return rows.map(stored);
  }

  /** The stored arrangement of `year`, or null. */
  async find(year: number): Promise<StoredCalendarYear | null> {
    const rows: CalendarYearRow[] = await this.m.query(
      `SELECT ${COLUMNS} FROM calendar_years WHERE year = $1`,
      [year],
    );
    return rows.length ? stored(rows[0]) : null;
  }

  /**
   * Stores `entry` as its year's arrangement (replacing the one stored) and appends the change, who and when
   * with the row before (null for a new year) and after. Call inside a transaction: the table is locked
   * (SHARE ROW EXCLUSIVE) until it ends, so two admins storing one year at once are audited in order.
   */
  async store(entry: NewCalendarYear): Promise<StoredCalendarYear> {
    await this.m.query(`LOCK TABLE calendar_years IN SHARE ROW EXCLUSIVE MODE`);
    const before = await this.find(entry.year);
    await this.m.query(
      `INSERT INTO calendar_years (year, holidays, adjusted_working_days, source_note, entered_by, entered_at)
       VALUES ($1, $2::date[], $3::date[], $4, $5, now())
       ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays,
         adjusted_working_days = EXCLUDED.adjusted_working_days, source_note = EXCLUDED.source_note,
         entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at`,
      [entry.year, entry.holidays, entry.adjustedWorkingDays, entry.sourceNote, entry.enteredBy],
    );
    const after = (await this.find(entry.year))!;
    await this.m.query(
      `INSERT INTO calendar_year_changes (year, changed_by, changed_at, before, after)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
      [entry.year, entry.enteredBy, after.enteredAt, before && JSON.stringify(before), JSON.stringify(after)],
    );
    return after;
  }
}
