import { beijingTime } from '@app/common';

/** An instant as a Date or as the api writes it (`2026-12-01T14:05:00.000+08:00`). */
type Instant = Date | string;

/**
 * `at` as people read it on a console page: Beijing time to the minute, `2026-12-01 14:05`; '' for
 * no value. Every page writes times through here (libs/common beijingTime), never the server's zone.
 */
export function beijingMinute(at: Instant | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  return beijingTime(new Date(at)).slice(0, 16).replace('T', ' ');
}

/** The day of `at` in Beijing, `2026-12-01`; '' for no value. */
export function beijingDay(at: Instant | null | undefined): string {
  return beijingMinute(at).slice(0, 10);
}

/** What every template gets as `it.h`: the formatters above. */
export const VIEW_HELPERS = { minute: beijingMinute, day: beijingDay } as const;
