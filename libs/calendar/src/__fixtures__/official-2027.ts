import type { YearArrangement } from '../year-arrangement';

/**
 * A 2027 arrangement of the kind the State Council publishes, made up for tests (the real notice is not
 * known here): 元旦 1–3 January; 春节 from 除夕 5 February to 12 February with Saturday 20 February worked.
 */
export const OFFICIAL_2027: YearArrangement = {
  year: 2027,
  holidays: [
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    ...[5, 6, 7, 8, 9, 10, 11, 12].map((d) => `2027-02-${`${d}`.padStart(2, '0')}`),
  ],
  adjustedWorkingDays: ['2027-02-20'],
  source: 'official',
};
