import { invalidField } from '@app/cases';

/** Largest page a list answers with. */
export const MAX_PAGE_SIZE = 200;

/**
 * `page` and `pageSize` query parameters: whole numbers, defaults 1 and 50.
 * @throws BadRequestException (400) naming the parameter
 */
export function paging(page?: string, pageSize?: string): { page: number; pageSize: number } {
  return {
    page: positive('page', page, 1, 100_000),
    pageSize: positive('pageSize', pageSize, 50, MAX_PAGE_SIZE),
  };
}

function positive(field: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw invalidField(field, `must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}
