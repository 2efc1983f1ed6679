import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { isIdNumberOf, ORGANISATION_ID_TYPE } from './id-numbers';
import { canonicalResidentId } from './resident-id';

/** What each ID type's number must be, for the 400's message. */
const STANDARD: Record<string, string> = {
  resident_id:
    'a resident ID number (GB 11643): 18 characters with a real birth date and check character, or the 15-digit first-generation number',
  hk_macao_residence_permit:
    'a 港澳居民居住证 number: 18 characters starting 810000 or 820000, a real birth date and a GB 11643 check character',
  taiwan_residence_permit:
    'a 台湾居民居住证 number: 18 characters starting 830000, a real birth date and a GB 11643 check character',
  foreign_permanent_residence_id:
    'a 外国人永久居留身份证 number: 15 characters (nationality, place, birth date, ICAO check digit) or 18 starting 9 with a GB 11643 check character',
  passport: 'a passport number (ICAO 9303): 5 to 9 letters and digits, with the nationality that issued it',
  [ORGANISATION_ID_TYPE]:
    'a unified social credit code (GB 32100-2015): 18 characters with a right check character',
};

/** The body a number field sits in: its ID type and, for a passport, its nationality. */
interface IdentityBody {
  idType?: unknown;
  nationality?: unknown;
}

/**
 * An ID number field whose standard is its body's `idType` (id-numbers.ts): trimmed and raised to
 * capitals; a resident ID in its canonical 18-character form (canonicalResidentId); anything else
 * that is not a number of that type answers 400 naming the field. An unknown `idType` is the
 * type's own error, so this field says nothing then.
 */
export const IsIdNumberOfType = () =>
  applyDecorators(
    Transform(({ value, obj }: { value: unknown; obj: IdentityBody }) => {
      if (typeof value !== 'string') return value;
      const upper = value.trim().toUpperCase();
      return obj.idType === 'resident_id' ? (canonicalResidentId(upper) ?? upper) : upper;
    }),
    ValidateBy({
      name: 'isIdNumberOfType',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const body = args?.object as IdentityBody;
          if (typeof body.idType !== 'string' || !(body.idType in STANDARD)) return true;
          const nationality = typeof body.nationality === 'string' ? body.nationality : undefined;
          return typeof value === 'string' && isIdNumberOf(body.idType, value, nationality);
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'idNumber'} must be ${STANDARD[String((args?.object as IdentityBody).idType)]}`,
      },
    }),
  );
