import { isWorkday } from 'chinese-days';
import { WorkingDayCalendar } from './working-day-calendar';
import { OFFICIAL_2027 } from './__fixtures__/official-2027';

/** An instant given in Beijing time, e.g. `beijing('2026-12-01T16:59')`. */
const beijing = (wallClock: string) => new Date(`${wallClock}:00+08:00`);

describe(`the working-day calendar (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  const calendar = new WorkingDayCalendar();
  /** [the day the event counts on, the due date] of a period starting at `at` (Beijing wall clock). */
  const counted = (at: string, workingDays: number, options?: { officeClosesAt?: string }) => {
    const { countedFrom, dueDate } = calendar.dueDate(beijing(at), workingDays, options);
    return [countedFrom, dueDate];
  };

  it('runs in the time zone it was started in (npm run test:unit starts it in UTC and in Los Angeles)', () => {
    // Only this check reads local time: it proves the answers below were computed under the TZ named above.
    const localDayOfUtcMidnight = new Date(Date.UTC(2027, 0, 1)).getDate();
    if (process.env.TZ === 'America/Los_Angeles') expect(localDayOfUtcMidnight).toBe(31);
    if (process.env.TZ === 'UTC') expect(localDayOfUtcMidnight).toBe(1);
  });

  describe('2026, as the State Council notice of 4 November 2025 (国务院办公厅关于2026年部分节假日安排的通知) gives it', () => {
    it.each([
      ['2026-01-01', false, '元旦'],
      ['2026-01-04', true, 'Sunday worked for 元旦'],
      ['2026-02-14', true, 'Saturday worked before 春节'],
      ['2026-02-15', false, '春节 begins (Sunday)'],
      ['2026-02-17', false, '正月初一'],
      ['2026-02-23', false, '春节 ends (Monday)'],
      ['2026-02-24', true, 'first day back'],
      ['2026-02-28', true, 'Saturday worked after 春节'],
      ['2026-04-06', false, '清明 (Monday)'],
      ['2026-05-05', false, '劳动节 ends'],
      ['2026-05-09', true, 'Saturday worked for 劳动节'],
      ['2026-09-20', true, 'Sunday worked before 国庆'],
      ['2026-10-07', false, '国庆 ends'],
      ['2026-10-10', true, 'Saturday worked after 国庆'],
      ['2026-12-05', false, 'a plain Saturday'],
    ])('%s is %s a working day (%s)', (day, working) => {
      expect(calendar.isWorkingDay(day)).toEqual({ working, provisional: false });
    });

    it('comes from the library', () => {
      expect(calendar.yearArrangement(2026).source).toBe('library');
    });
  });

  describe('periods in working days', () => {
    it('counts a Saturday made a working day (调休) inside the period', () => {
      // Friday 13 Feb 2026, then Saturday 14 Feb is worked: one working day later is that Saturday.
      expect(calendar.dueDate(beijing('2026-02-13T10:00'), 1).dueDate).toBe('2026-02-14');
      expect(calendar.dueDate(beijing('2026-09-18T10:00'), 1).dueDate).toBe('2026-09-20');
    });

    it('skips the whole 2026 Spring Festival', () => {
      // 13 Feb (1), Sat 14 Feb (2), 15–23 Feb off, 24 (3), 25 (4), 26 (5).
      const due = calendar.dueDate(beijing('2026-02-12T10:00'), 5);
      expect(due).toEqual({
        countedFrom: '2026-02-12',
        dueDate: '2026-02-26',
        dueAt: new Date('2026-02-26T23:59:59.999+08:00'),
        provisional: false,
      });
      expect(calendar.workingDaysBetween('2026-02-12', '2026-02-26')).toEqual({
        workingDays: 5,
        provisional: false,
      });
    });

    it('reads the receipt in Beijing time: 23:59 is after hours, 00:01 is the new day, whatever the server zone', () => {
      // Tuesday 1 Dec 2026. 23:59 Beijing is 15:59 UTC on 1 Dec; 00:01 Beijing on 1 Dec is 16:01 UTC on 30 Nov.
      expect(counted('2026-12-01T23:59', 1)).toEqual(['2026-12-02', '2026-12-03']);
      const earlyOnFirst = calendar.dueDate(new Date('2026-11-30T16:01:00Z'), 1);
      expect(earlyOnFirst).toMatchObject({ countedFrom: '2026-12-01', dueDate: '2026-12-02' });
      expect(earlyOnFirst.dueAt.toISOString()).toBe('2026-12-02T15:59:59.999Z');
    });

    it('counts an application received after 17:00 as received on the next working day', () => {
      expect(counted('2026-12-01T16:59', 1)).toEqual(['2026-12-01', '2026-12-02']);
      expect(counted('2026-12-01T17:01', 1)).toEqual(['2026-12-02', '2026-12-03']);
      expect(counted('2026-12-01T17:00', 1)).toEqual(['2026-12-02', '2026-12-03']);
      // Friday after hours: Monday.
      expect(counted('2026-12-04T17:01', 1)).toEqual(['2026-12-07', '2026-12-08']);
    });

    it('lets the closing time be configured, per calendar and per call', () => {
      expect(counted('2026-12-01T17:01', 1, { officeClosesAt: '17:30' })).toEqual([
        '2026-12-01',
        '2026-12-02',
      ]);
      const closesAtSix = new WorkingDayCalendar({ officeClosesAt: '18:00' });
      expect(closesAtSix.dueDate(beijing('2026-12-01T17:59'), 1).countedFrom).toBe('2026-12-01');
      expect(() => calendar.dueDate(beijing('2026-12-01T10:00'), 1, { officeClosesAt: '5pm' })).toThrow(
        RangeError,
      );
    });

    it('counts an application received on a rest day as received on the next working day', () => {
      expect(counted('2026-12-05T10:00', 1)).toEqual(['2026-12-07', '2026-12-08']);
      expect(counted('2026-10-03T09:00', 0)).toEqual(['2026-10-08', '2026-10-08']);
    });

    it('counts working days between two days both ways, and adds none as the same day', () => {
      expect(calendar.workingDaysBetween('2026-12-04', '2026-12-07')).toEqual({
        workingDays: 1,
        provisional: false,
      });
      expect(calendar.workingDaysBetween('2026-12-07', '2026-12-04')).toEqual({
        workingDays: -1,
        provisional: false,
      });
      expect(calendar.workingDaysBetween('2026-12-07', '2026-12-07').workingDays).toBe(0);
      expect(calendar.addWorkingDays('2026-12-05', 0)).toEqual({ day: '2026-12-05', provisional: false });
      expect(() => calendar.addWorkingDays('2026-12-05', 1.5)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2026-12-05', -1)).toThrow(RangeError);
      expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    });
  });

  describe('2027, a year the library does not know', () => {
    it('is never counted as plain weekdays, though the library itself would', () => {
      expect(isWorkday('2027-01-01')).toBe(true); // chinese-days 1.5.7 has no 2027 data
      expect(calendar.yearArrangement(2027).source).toBe('provisional');
      for (const day of ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) {
        expect(calendar.isWorkingDay(day)).toEqual({ working: false, provisional: true });
      }
      expect(calendar.isWorkingDay('2027-02-11')).toEqual({ working: true, provisional: true });
    });

    it('says provisional on a period that ends in it, and not on one that stays in 2026', () => {
      // 29, 30, 31 Dec; 1 Jan off, 2–3 Jan weekend; 4 Jan, 5 Jan.
      expect(calendar.dueDate(beijing('2026-12-28T10:00'), 5)).toEqual({
        countedFrom: '2026-12-28',
        dueDate: '2027-01-05',
        dueAt: new Date('2027-01-05T23:59:59.999+08:00'),
        provisional: true,
      });
      expect(calendar.dueDate(beijing('2026-12-28T10:00'), 3).provisional).toBe(false);
      expect(calendar.workingDaysBetween('2026-12-28', '2027-01-05')).toEqual({
        workingDays: 5,
        provisional: true,
      });
    });

    it('gives way to an official arrangement, which clears the flag', () => {
      const official = new WorkingDayCalendar({ official: [OFFICIAL_2027] });
      expect(official.yearArrangement(2027).source).toBe('official');
      // Provisional: 5–10 Feb off (除夕 … 初三, two days made up), then 11, 12, 15 Feb.
      expect(calendar.dueDate(beijing('2027-02-04T10:00'), 3)).toMatchObject({
        dueDate: '2027-02-15',
        provisional: true,
      });
      // Official: 5–12 Feb off, then 15, 16, 17 Feb.
      expect(official.dueDate(beijing('2027-02-04T10:00'), 3)).toMatchObject({
        dueDate: '2027-02-17',
        provisional: false,
      });
      expect(official.dueDate(beijing('2026-12-28T10:00'), 5)).toMatchObject({
        dueDate: '2027-01-05',
        provisional: false,
      });
      expect(official.isWorkingDay('2027-02-20')).toEqual({ working: true, provisional: false });
    });

    it('takes an official arrangement over the library for a year the library knows too', () => {
      const corrected = new WorkingDayCalendar({
        official: [{ year: 2026, holidays: ['2026-12-31'], adjustedWorkingDays: [], source: 'official' }],
      });
      expect(corrected.isWorkingDay('2026-12-31')).toEqual({ working: false, provisional: false });
      expect(corrected.isWorkingDay('2026-02-17')).toEqual({ working: true, provisional: false });
    });

    it('refuses two official arrangements for one year', () => {
      expect(() => new WorkingDayCalendar({ official: [OFFICIAL_2027, OFFICIAL_2027] })).toThrow(RangeError);
    });
  });
});
