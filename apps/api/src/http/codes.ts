import { Matches } from 'class-validator';

/**
 * The formats of the codes callers send, each defined once: DTO fields, query parameters and path
 * checks all use these. `example` is what an error shows.
 */
export const CODES = {
  /** Catalogue item (annex batch 1-3, row number). */
  item: { pattern: /^KS[123]-\d{3}$/, example: 'KS1-001' },
  /** Receiving window: W + its division code. */
  window: { pattern: /^W\d{6}$/, example: 'W330902' },
  /** Home jurisdiction: J + division code + department. */
  jurisdiction: { pattern: /^J\d{6}-[A-Z]{2,8}$/, example: 'J310115-SFJ' },
  /** GB/T 2260 division code. */
  division: { pattern: /^[1-9]\d{5}$/, example: '330900' },
  /** Case number: division, day received (UTC+8), sequence. */
  caseNumber: { pattern: /^\d{6}-\d{8}-\d{6,}$/, example: '330902-20261130-000001' },
} as const;

export type CodeKind = keyof typeof CODES;

/** DTO field decorator: the value has the format of `kind` ("<field> must look like <example>"). */
export const IsCode = (kind: CodeKind): PropertyDecorator =>
  Matches(CODES[kind].pattern, { message: `$property must look like ${CODES[kind].example}` });

/** True when `value` has the format of `kind`. */
export const isCode = (kind: CodeKind, value: string): boolean => CODES[kind].pattern.test(value);
