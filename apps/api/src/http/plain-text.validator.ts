import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches, type ValidationOptions } from 'class-validator';

/** No C0 control characters (U+0000–U+001F) nor DEL: PostgreSQL text and jsonb refuse U+0000. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001F\u007F]*$/;
const NOT_BLANK = /\S/;

/**
 * Free text a person typed (names, reasons, notes): a string of 1 to `max` characters, counted as
 * characters (a character outside the BMP such as 𠮷 counts once), not only spaces, with no control
 * characters. Every DTO field of free text uses this one rule.
 */
export function PlainText(max: number, options: Pick<ValidationOptions, 'each'> = {}): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    Length(1, max, options),
    Matches(NOT_BLANK, { ...options, message: '$property must not be blank' }),
    Matches(NO_CONTROL_CHARACTERS, { ...options, message: '$property must not contain control characters' }),
  );
}
