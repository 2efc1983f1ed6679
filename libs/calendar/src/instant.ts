import { isCalendarDay } from './calendar-day';

/** An ISO 8601 instant with its date, time and offset: `2027-02-01T09:30:00+08:00`, `2027-02-01T01:30Z`. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant `value` names, when it is an ISO 8601 date and time (hours 00–23) with `Z` or an offset;
 * `undefined` otherwise (also for `2027-02-30`, which Date would roll over to March). A time without an
 * offset is refused: it would be read in the server's time zone.
 */
export function parseInstant(value: unknown): Date | undefined {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!match || !isCalendarDay(match[1])) return undefined;
  const at = new Date(match[0]);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
