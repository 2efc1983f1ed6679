import { clockPeriod, workingDaysLeft, workingDaysUsed } from './clock-period';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar();
const at = (beijing: string) => new Date(`${beijing}+08:00`);
const period = (startedAt: string, workingDays: number, pauses: [string, string | null][] = []) =>
  clockPeriod(calendar, {
    startedAt: at(startedAt),
    workingDays,
    pauses: pauses.map(([from, to]) => ({ from: at(from), to: to === null ? null : at(to) })),
  });

/**
 * The clock arithmetic of issue 12 on the law's calendar (2026: chinese-days' data of the State Council's
 * notice): run under TZ=UTC and TZ=America/Los_Angeles too (npm run test:time-zones), so the server's
 * zone never moves a day.
 */
describe('a clock period', () => {
  it('counts a make-up working day (调休) inside the period: Saturday 14 February 2026 worked', () => {
    expect(period('2026-02-13T10:00', 1)).toMatchObject({
      countedFrom: '2026-02-13',
      dueDate: '2026-02-14',
      dueAt: at('2026-02-14T23:59:59.999'),
      provisional: false,
    });
  });

  it('crosses the 2026 Spring Festival (15–23 February off) without counting it', () => {
    expect(period('2026-02-13T10:00', 5)?.dueDate).toBe('2026-02-27');
    // …and the sixth working day is the second make-up Saturday, 28 February.
    expect(period('2026-02-13T10:00', 6)?.dueDate).toBe('2026-02-28');
  });

  it('counts a receipt at 23:59 Beijing time on the next working day, like one at 00:01 the next morning', () => {
    const lateMonday = period('2026-03-02T23:59', 5);
    const earlyTuesday = period('2026-03-03T00:01', 5);
    expect(lateMonday).toMatchObject({ countedFrom: '2026-03-03', dueDate: '2026-03-10' });
    expect(earlyTuesday).toMatchObject({ countedFrom: '2026-03-03', dueDate: '2026-03-10' });
    // Before the office closes (17:00), Monday counts: one working day earlier.
    expect(period('2026-03-02T16:59', 5)).toMatchObject({ countedFrom: '2026-03-02', dueDate: '2026-03-09' });
  });

  it('takes a supplement pause and an art. 45 suspension out of one decision period', () => {
    // 20 working days from Monday 2 March 2026 end on 30 March; the supplement took 5 working days
    // (5–11 March) and the hearing 4 (17–20 March), and 清明 (4–6 April) falls inside: 13 April.
    expect(period('2026-03-02T10:00', 20)?.dueDate).toBe('2026-03-30');
    expect(
      period('2026-03-02T10:00', 20, [
        ['2026-03-04T10:00', '2026-03-11T10:00'],
        ['2026-03-16T10:00', '2026-03-20T10:00'],
      ]),
    ).toMatchObject({
      pausedWorkingDays: 9,
      dueDate: '2026-04-13',
      // The warning after 16 of the 20 working days, moved by the same 9.
      warnAt: at('2026-04-07T23:59:59.999'),
    });
  });

  it('takes nothing for a pause begun and ended on the same working day', () => {
    expect(period('2026-03-02T10:00', 5, [['2026-03-03T09:00', '2026-03-03T16:00']])).toMatchObject({
      pausedWorkingDays: 0,
      dueDate: '2026-03-09',
    });
  });

  it('has no due moment while paused', () => {
    expect(period('2026-03-02T10:00', 20, [['2026-03-04T10:00', null]])).toBeNull();
  });

  it('warns at the start of the due day when 80 % of the period is less than a day', () => {
    expect(period('2026-03-02T10:00', 1)).toMatchObject({
      dueDate: '2026-03-03',
      warnAt: at('2026-03-03T00:00:00.000'),
    });
  });

  it('says provisional when the period runs into a year without official data', () => {
    const into2027 = period('2026-12-21T10:00', 10);
    expect(into2027?.provisional).toBe(true);
    expect(into2027?.dueDate.startsWith('2027-01')).toBe(true);
  });
});

describe('working days left and used', () => {
  it('counts as the period does: 0 left on the due day, the working days late after it', () => {
    expect(workingDaysLeft(calendar, '2026-03-10', at('2026-03-10T09:00'))).toBe(0);
    expect(workingDaysLeft(calendar, '2026-03-10', at('2026-03-09T09:00'))).toBe(1);
    expect(workingDaysLeft(calendar, '2026-03-10', at('2026-03-12T09:00'))).toBe(-2);
    // Over the Spring Festival: from Friday 13 February to Tuesday 24 February, 2 working days (14, 24).
    expect(workingDaysLeft(calendar, '2026-02-24', at('2026-02-13T09:00'))).toBe(2);
    // A period of 5 from a receipt this morning has 5 left.
    expect(workingDaysLeft(calendar, period('2026-03-02T10:00', 5)!.dueDate, at('2026-03-02T10:00'))).toBe(5);
  });

  it('counts the working days a stopped clock used, less its pauses', () => {
    const done = period('2026-03-02T10:00', 20, [['2026-03-04T10:00', '2026-03-11T10:00']])!;
    expect(workingDaysUsed(calendar, done, at('2026-03-13T15:00'))).toBe(9 - 5);
    expect(workingDaysUsed(calendar, done, at('2026-03-02T15:00'))).toBe(0);
  });
});
