import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDate, IsOptional, ValidateBy, type ValidationArguments } from 'class-validator';
import type { StatisticsPeriod } from '@app/cases';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 3600 * 1000;
/** China Standard Time is UTC+8 all year (no daylight saving): a Zhoushan day starts at 16:00 UTC. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The instant the day `value` (a real yyyy-mm-dd, China Standard Time) begins; undefined for anything else. */
function startOfChinaDay(value: unknown): Date | undefined {
  const [, year, month, day] = (typeof value === 'string' && DATE.exec(value)) || [];
  if (!year) return undefined;
  const utc = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return utc.toISOString().slice(0, 10) === value ? new Date(utc.getTime() - CHINA_OFFSET_MS) : undefined;
}

/**
 * A query parameter that is a calendar day (yyyy-mm-dd) as a service centre in China reads it
 * (UTC+8), converted to the instant the day begins (`start`) or the instant after it ends (`end`).
 * Optional; anything else (not a real day, a timestamp, empty, given twice) is a 400 naming the field.
 */
const ChinaDay = (edge: 'start' | 'end'): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      const start = startOfChinaDay(value);
      if (!start) return value;
      return edge === 'start' ? start : new Date(start.getTime() + DAY_MS);
    }),
    IsOptional(),
    IsDate({ message: 'must be a date yyyy-mm-dd, e.g. 2026-03-01' }),
  );

/** `from` does not begin after the period's `to` ends (checked only when both are days). */
const NotAfterTo = (): PropertyDecorator =>
  ValidateBy(
    {
      name: 'notAfterTo',
      validator: {
        validate: (from: unknown, args?: ValidationArguments) => {
          const to = (args?.object as StatisticsQueryDto | undefined)?.to;
          return !(from instanceof Date && to instanceof Date) || from < to;
        },
      },
    },
    { message: 'must not be after to' },
  );

/**
 * `GET /statistics?from=&to=`: calendar days (yyyy-mm-dd, Beijing time), both inclusive, either may
 * be absent (open end); validated and converted to the period's instants [start of `from`, end of
 * `to`). Nothing else is taken.
 */
export class StatisticsQueryDto implements StatisticsPeriod {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-03-01',
    description: 'first day, Beijing time (UTC+8)',
  })
  @ChinaDay('start')
  @NotAfterTo()
  from?: Date;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-03-31',
    description: 'last day (included), Beijing time (UTC+8)',
  })
  @ChinaDay('end')
  to?: Date;
}
