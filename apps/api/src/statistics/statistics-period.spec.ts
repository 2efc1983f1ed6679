import { InvalidInput } from '@app/common';
import { statisticsPeriod } from './statistics-period';

/** The 400 answer's field and message, for a period that is refused. */
function refusal(from?: unknown, to?: unknown) {
  try {
    statisticsPeriod(from, to);
  } catch (e) {
    if (e instanceof InvalidInput) return e.details;
    throw e;
  }
  throw new Error('accepted');
}

describe('statisticsPeriod', () => {
  it('reads days as a service centre in China does (UTC+8), the last day included', () => {
    expect(statisticsPeriod('2026-03-01', '2026-03-31')).toEqual({
      from: new Date('2026-02-28T16:00:00.000Z'),
      to: new Date('2026-03-31T16:00:00.000Z'),
    });
  });

  it('takes one day as a period, and leaves an absent end open', () => {
    expect(statisticsPeriod('2026-03-01', '2026-03-01')).toEqual({
      from: new Date('2026-02-28T16:00:00.000Z'),
      to: new Date('2026-03-01T16:00:00.000Z'),
    });
    expect(statisticsPeriod(undefined, '2026-03-01')).toEqual({
      from: undefined,
      to: new Date('2026-03-01T16:00:00.000Z'),
    });
    expect(statisticsPeriod()).toEqual({ from: undefined, to: undefined });
  });

  it.each<[unknown, string]>([
    ['2026-02-30', 'not a real day'],
    ['2026-3-1', 'not zero-padded'],
    ['2026-03-01T00:00:00Z', 'a timestamp'],
    ['', 'empty'],
    [['2026-03-01', '2026-03-02'], 'given twice'],
  ])('names the field when a date is %j (%s)', (value: unknown) => {
    expect(refusal(value)).toEqual([
      { field: 'from', message: 'must be a date yyyy-mm-dd, e.g. 2026-03-01' },
    ]);
    expect(refusal('2026-03-01', value)).toEqual([
      { field: 'to', message: 'must be a date yyyy-mm-dd, e.g. 2026-03-01' },
    ]);
  });

  it('refuses from after to', () => {
    expect(refusal('2026-03-02', '2026-03-01')).toEqual([{ field: 'from', message: 'must not be after to' }]);
  });
});
