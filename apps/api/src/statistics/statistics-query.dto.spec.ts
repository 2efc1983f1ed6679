import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationDetails } from '../http/validation-errors';
import { StatisticsQueryDto } from './statistics-query.dto';

/** The query as the global ValidationPipe hands it to the controller, or the 400's details. */
function read(from?: unknown, to?: unknown) {
  const query = plainToInstance(StatisticsQueryDto, { from, to });
  const errors = validateSync(query, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? { refused: validationDetails(errors) } : { ...query };
}

describe('StatisticsQueryDto', () => {
  it('reads days as a service centre in China does (UTC+8), the last day included', () => {
    expect(read('2026-03-01', '2026-03-31')).toEqual({
      from: new Date('2026-02-28T16:00:00.000Z'),
      to: new Date('2026-03-31T16:00:00.000Z'),
    });
  });

  it('takes one day as a period, and leaves an absent end open', () => {
    expect(read('2026-03-01', '2026-03-01')).toEqual({
      from: new Date('2026-02-28T16:00:00.000Z'),
      to: new Date('2026-03-01T16:00:00.000Z'),
    });
    expect(read(undefined, '2026-03-01')).toEqual({
      from: undefined,
      to: new Date('2026-03-01T16:00:00.000Z'),
    });
    expect(read()).toEqual({ from: undefined, to: undefined });
  });

  it.each<[unknown, string]>([
    ['2026-02-30', 'not a real day'],
    ['2026-3-1', 'not zero-padded'],
    ['2026-03-01T00:00:00Z', 'a timestamp'],
    ['', 'empty'],
    [['2026-03-01', '2026-03-02'], 'given twice'],
  ])('names the field when a date is %j (%s)', (value: unknown) => {
    expect(read(value)).toEqual({
      refused: [{ field: 'from', message: 'must be a date yyyy-mm-dd, e.g. 2026-03-01' }],
    });
    expect(read('2026-03-01', value)).toEqual({
      refused: [{ field: 'to', message: 'must be a date yyyy-mm-dd, e.g. 2026-03-01' }],
    });
  });

  it('refuses from after to', () => {
    expect(read('2026-03-02', '2026-03-01')).toEqual({
      refused: [{ field: 'from', message: 'must not be after to' }],
    });
  });
});
