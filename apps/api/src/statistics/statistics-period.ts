import { invalidField, type StatisticsPeriod } from '@app/cases';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 3600 * 1000;
/** China Standard Time is UTC+8 all year (no daylight saving): a Zhoushan day starts at 16:00 UTC. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * The period of the `from` and `to` query parameters: calendar days (yyyy-mm-dd) as a service
 * centre in China reads them (UTC+8), both inclusive; either may be absent (open end). Answers the
 * instants [start of `from`, end of `to`).
 * @throws InvalidInput (400) naming the field: not a real yyyy-mm-dd date, or from after to
 */
export function statisticsPeriod(from?: unknown, to?: unknown): StatisticsPeriod {
  const period = {
    from: from === undefined ? undefined : startOfDay('from', from),
    to: to === undefined ? undefined : new Date(startOfDay('to', to).getTime() + DAY_MS),
  };
  if (period.from && period.to && period.from >= period.to) {
    throw invalidField('from', 'must not be after to');
  }
  return period;
}

/** The instant `value` (yyyy-mm-dd, China Standard Time) begins. */
function startOfDay(field: string, value: unknown): Date {
  const [, year, month, day] = (typeof value === 'string' && DATE.exec(value)) || [];
  const utc = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (!year || utc.toISOString().slice(0, 10) !== value) {
    throw invalidField(field, 'must be a date yyyy-mm-dd, e.g. 2026-03-01');
  }
  return new Date(utc.getTime() - CHINA_OFFSET_MS);
}
