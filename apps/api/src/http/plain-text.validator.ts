import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches, type ValidationOptions } from 'class-validator';

/**
 * What free text must satisfy, each rule with the words a caller sees when it fails:
 * - a letter or digit (not only spaces or zero-width characters);
 * - no C0 control characters nor DEL (PostgreSQL text and jsonb refuse U+0000);
 * - no lone UTF-16 surrogate (not text at all: jsonb refuses it, text stores U+FFFD);
 * - no bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069): they make text read backwards.
 */
const PLAIN_TEXT_RULES: [RegExp, string][] = [
  [/[\p{L}\p{N}]/u, 'must not be blank'],
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  [/^[^\u0000-\u001F\u007F]*$/, 'must not contain control characters'],
  [/^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/, 'must be well-formed Unicode text'],
  [/^[^\u202A-\u202E\u2066-\u2069]*$/, 'must not contain bidirectional overrides'],
];

/** True when `value` passes every plain-text rule. */
export function isPlainText(value: string): boolean {
  return PLAIN_TEXT_RULES.every(([rule]) => rule.test(value));
}

/**
 * Free text a person typed (names, reasons, notes): a string of 1 to `max` characters, counted as
 * characters (a character outside the BMP such as 𠮷 counts once), passing PLAIN_TEXT_RULES.
 * Every DTO field of free text uses this one rule.
 */
export function PlainText(max: number, options: Pick<ValidationOptions, 'each'> = {}): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    Length(1, max, options),
    ...PLAIN_TEXT_RULES.map(([rule, message]) =>
      Matches(rule, { ...options, message: `$property ${message}` }),
    ),
  );
}
