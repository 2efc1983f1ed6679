import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { WorkingDayCalendar, type YearArrangement } from '@app/calendar';
import { AppConfig } from '@app/common';
import { CalendarYearRepository, type StoredCalendarYear } from '@app/db';

/** How long a process trusts its calendar before it asks whether a year was entered since, ms. */
const FRESHNESS_MS = 5_000;

/** A stored official year as the calendar takes it. */
export const officialArrangement = (stored: StoredCalendarYear): YearArrangement => ({
  year: stored.year,
  holidays: stored.holidays,
  adjustedWorkingDays: stored.adjustedWorkingDays,
  source: 'official',
});

/**
 * The deployment's working-day calendar (`WorkingDayCalendar`) on the official years stored in
 * `calendar_years`, with the offices' closing time (OFFICE_CLOSES_AT), for every clock and due date. Built once per process and rebuilt when a year
 * was entered since, by this process or another (checked against `calendar_year_changes` at most
 * every FRESHNESS_MS, so an api and a worker agree within seconds).
 */
@Injectable()
export class LawCalendar {
  private built?: { change: number; calendar: Promise<WorkingDayCalendar> };
  private checkedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * The calendar as of the latest official year stored, read through `m` when it is stale: inside a
   * transaction, pass its manager (a second connection per transaction would exhaust the pool when
   * as many transactions run as it holds connections, each waiting for another).
   */
  async calendar(m: EntityManager = this.dataSource.manager): Promise<WorkingDayCalendar> {
    const now = Date.now();
    if (this.built && now - this.checkedAt < FRESHNESS_MS) return this.built.calendar;
    const years = new CalendarYearRepository(m);
    const change = await years.latestChange();
    this.checkedAt = now;
    if (this.built?.change !== change) {
      const calendar = years.all().then(
        (stored) =>
          new WorkingDayCalendar({
            official: stored.map(officialArrangement),
            officeClosesAt: this.config.OFFICE_CLOSES_AT,
          }),
        (error: unknown) => {
          this.built = undefined;
          throw error;
        },
      );
      this.built = { change, calendar };
    }
    return this.built.calendar;
  }

  /** Forgets the calendar: the next call rebuilds it (this process just stored a year). */
  invalidate(): void {
    this.built = undefined;
  }
}
