import { type FieldProblem, InvalidInput } from '@app/common';
import { LIBRARY_YEARS, libraryArrangement } from './library-arrangements';
import { dayOfLunarDate, qingmingDay } from './lunar-days';
import { provisionalArrangement } from './provisional-year';
import { checkOfficialArrangement, type YearArrangement } from './year-arrangement';

describe(`a provisional year from the statutory rules (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('finds the lunar festivals and 清明 of 2027 on their days in any time zone', () => {
    expect(dayOfLunarDate(2027, 1, 1)).toBe('2027-02-06'); // 正月初一
    expect(dayOfLunarDate(2027, 5, 5)).toBe('2027-06-09'); // 端午
    expect(dayOfLunarDate(2027, 8, 15)).toBe('2027-09-15'); // 中秋
    expect(qingmingDay(2027)).toBe('2027-04-05');
  });

  it('gives 2027 the 13 statutory days off and a working day for each one on a weekend (art. 2, art. 6)', () => {
    expect(provisionalArrangement(2027)).toEqual({
      year: 2027,
      holidays: [
        '2027-01-01', // 元旦, Friday
        '2027-02-05', // 除夕, Friday
        '2027-02-06', // 初一, Saturday → 9 Feb
        '2027-02-07', // 初二, Sunday → 10 Feb
        '2027-02-08', // 初三, Monday
        '2027-02-09',
        '2027-02-10',
        '2027-04-05', // 清明, Monday
        '2027-05-01', // Saturday → 3 May
        '2027-05-02', // Sunday → 4 May
        '2027-05-03',
        '2027-05-04',
        '2027-06-09', // 端午, Wednesday
        '2027-09-15', // 中秋, Wednesday
        '2027-10-01', // Friday
        '2027-10-02', // Saturday → 4 Oct
        '2027-10-03', // Sunday → 5 Oct
        '2027-10-04',
        '2027-10-05',
      ],
      adjustedWorkingDays: [],
      source: 'provisional',
    });
  });

  it.each([2025, 2026])(
    'agrees with the State Council notice of %i: every day off it gives is off there too',
    (year) => {
      const notice = libraryArrangement(year)!.holidays;
      for (const day of provisionalArrangement(year).holidays) expect(notice).toContain(day);
    },
  );

  it('makes up a day two festivals share (国庆 and 中秋 on 1 October 2020 shape) like one on a weekend', () => {
    // 2031: 中秋 falls on 1 October (a Wednesday); 1–3 October are Wed–Fri, so the shared day gives Monday 6 October.
    expect(dayOfLunarDate(2031, 8, 15)).toBe('2031-10-01');
    const october = provisionalArrangement(2031).holidays.filter((day) => day.startsWith('2031-10'));
    expect(october).toEqual(['2031-10-01', '2031-10-02', '2031-10-03', '2031-10-06']);
  });

  it('refuses a year the rules do not cover, and the library covers 2004 to 2026', () => {
    expect(() => provisionalArrangement(2024)).toThrow(RangeError);
    expect(() => provisionalArrangement(2100)).toThrow(RangeError);
    expect(LIBRARY_YEARS[0]).toBe(2004);
    expect(LIBRARY_YEARS[LIBRARY_YEARS.length - 1]).toBe(2026);
  });
});

describe('checking an official arrangement', () => {
  const valid: YearArrangement = {
    year: 2027,
    holidays: ['2027-01-01'],
    adjustedWorkingDays: ['2027-02-20'],
    source: 'official',
  };
  const refusal = (arrangement: YearArrangement) => {
    try {
      checkOfficialArrangement(arrangement);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      return (error as InvalidInput).details as FieldProblem[];
    }
    throw new Error('accepted');
  };

  it('accepts a well-formed one', () => {
    expect(checkOfficialArrangement(valid)).toBe(valid);
  });

  it('names the field that is wrong', () => {
    expect(refusal({ ...valid, holidays: ['2026-12-31'] })).toEqual([
      { field: 'holidays', message: '"2026-12-31" is not a day of 2027 written YYYY-MM-DD' },
    ]);
    expect(refusal({ ...valid, holidays: ['2027-02-30'] })[0].field).toBe('holidays');
    expect(refusal({ ...valid, adjustedWorkingDays: ['2027-02-19'] })).toEqual([
      {
        field: 'adjustedWorkingDays',
        message: '2027-02-19 is a weekday: only a Saturday or Sunday can be adjusted to work',
      },
    ]);
    expect(refusal({ ...valid, holidays: ['2027-02-20'] })[0].field).toBe('adjustedWorkingDays');
    expect(refusal({ ...valid, source: 'library' })[0].field).toBe('source');
    expect(refusal({ ...valid, year: 27 })[0].field).toBe('year');
  });
});
