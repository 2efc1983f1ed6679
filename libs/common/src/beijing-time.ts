/**
 * Times shown to people, as they read them in China: Beijing time (China Standard Time, UTC+8 all
 * year, no daylight saving; GB/T 7408.1-2023 / ISO 8601 with the offset written out). Every view
 * a person reads (tracking, case view, history, lists, inbox, statistics, the demo's timelines)
 * formats its instants here, so no view shows `Z` times and no two views write a date differently.
 */

/** UTC+8 in milliseconds: the offset of China Standard Time, the same all year. */
export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** What `beijingTime` writes, for OpenAPI examples and descriptions. */
export const BEIJING_TIME_EXAMPLE = '2026-12-01T14:05:00.000+08:00';
/** What `beijingDate` writes. */
export const BEIJING_DATE_EXAMPLE = '2026-12-01';

/** The wall-clock fields of `at` in Beijing, as `yyyy-mm-ddThh:mm:ss.sss` (no offset yet). */
const wallClock = (at: Date): string => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 23);

/**
 * `at` as ISO 8601 in Beijing time with its offset, e.g. `2026-12-01T14:05:00.000+08:00` (the same
 * instant as `2026-12-01T06:05:00.000Z`; `Date.parse` reads it back exactly).
 * @throws RangeError when `at` is an invalid date
 */
export function beijingTime(at: Date): string {
  return `${wallClock(at)}+08:00`;
}

/**
 * The calendar day of `at` in Beijing, as a person writes it on a form: `2026-12-01`.
 * @throws RangeError when `at` is an invalid date
 */
export function beijingDate(at: Date): string {
  return wallClock(at).slice(0, 10);
}

/**
 * `value` with every Date inside it (objects, arrays, nested) written by `beijingTime`; other
 * values as they are. Plain objects and arrays are copied, never changed in place. What the api
 * answers goes through this, so every instant a person reads is Beijing time.
 */
export function withBeijingTimes(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : beijingTime(value);
  if (Array.isArray(value)) return value.map(withBeijingTimes);
  // Objects that write themselves (Buffer, a stream's wrapper…) are left to their own toJSON.
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  ) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withBeijingTimes(v)]));
  }
  return value;
}
