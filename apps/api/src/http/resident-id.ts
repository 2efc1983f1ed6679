import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { isIdentityCard, ValidateBy, type ValidationArguments } from 'class-validator';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The GB 11643 check character of 17 digits (ISO 7064 MOD 11-2). */
export function mod11CheckCharacter(body17: string): string {
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * A resident ID number (居民身份证号码, GB 11643) in its one canonical form, or null when it is not
 * one: 18 characters with a capital X; a lowercase x is raised; a 15-digit number of the first
 * generation (GB 11643-1989) becomes its 18-digit form (century 19 inserted, check character
 * computed), so both identify the same person. Validity (division code, a real birth date, the
 * check character) is validator.js's `isIdentityCard('zh-CN')`, which reads dates field by field
 * and so does not depend on the server's time zone.
 */
export function canonicalResidentId(raw: string): string | null {
  const value = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(value)) {
    if (!isIdentityCard(value, 'zh-CN')) return null;
    const body = `${value.slice(0, 6)}19${value.slice(6)}`;
    return body + mod11CheckCharacter(body);
  }
  // 71 (Taiwan), 81 and 82 (Hong Kong, Macao), 83 and 9 start the numbers of residence permits and
  // of the foreigner's permanent residence ID: other documents (id-numbers.ts), not a 居民身份证.
  if (/^(71|8|9)/.test(value)) return null;
  return /^\d{17}[\dX]$/.test(value) && isIdentityCard(value, 'zh-CN') ? value : null;
}

/**
 * A resident ID number field: normalised to its canonical 18-character form before validation;
 * anything else answers 400 naming the field.
 */
export const IsResidentIdNumber = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? (canonicalResidentId(value) ?? value) : value,
    ),
    ValidateBy({
      name: 'isResidentIdNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && canonicalResidentId(value) === value,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'idNumber'} must be a resident ID number (GB 11643): 18 characters with a real birth date and check character, or the 15-digit first-generation number`,
      },
    }),
  );
