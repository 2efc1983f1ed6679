import { isISO31661Alpha3, isPassportNumber } from 'class-validator';
import isISO31661Numeric from 'validator/lib/isISO31661Numeric';
import { canonicalResidentId, mod11CheckCharacter } from './resident-id';

/**
 * The identity documents a window takes from a natural person (自然人), by the name used in code:
 * 居民身份证, 港澳居民居住证, 台湾居民居住证, 外国人永久居留身份证, 护照.
 */
export const PERSON_ID_TYPES = [
  'resident_id',
  'hk_macao_residence_permit',
  'taiwan_residence_permit',
  'foreign_permanent_residence_id',
  'passport',
] as const;
export type PersonIdType = (typeof PERSON_ID_TYPES)[number];

/** The identifier of a legal person or other organisation (法人和其他组织): 统一社会信用代码. */
export const ORGANISATION_ID_TYPE = 'unified_social_credit_code';

/** True when `yyyy`-`mm`-`dd` is a real calendar day that has come (read field by field: no time zone). */
function pastDay(yyyy: number, mm: number, dd: number): boolean {
  const day = new Date(Date.UTC(yyyy, mm - 1, dd));
  return (
    day.getUTCFullYear() === yyyy &&
    day.getUTCMonth() === mm - 1 &&
    day.getUTCDate() === dd &&
    day.getTime() <= Date.now()
  );
}

/** `yyyymmdd` at `at` in `s` is a real day that has come. */
const birthDate8 = (s: string, at: number) =>
  pastDay(Number(s.slice(at, at + 4)), Number(s.slice(at + 4, at + 6)), Number(s.slice(at + 6, at + 8)));

/** A province-level division code's first two digits (GB/T 2260: 11 北京 … 65 新疆). */
const MAINLAND_PROVINCE = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])$/;

/**
 * 港澳居民居住证 / 台湾居民居住证 number (《港澳台居民居住证申领发放办法》 art. 5: the 公民身份号码
 * rules of GB 11643): 18 characters, the address code 810000 (Hong Kong) or 820000 (Macao) for
 * `hk_macao`, 830000 for `taiwan`, a real birth date, a GB 11643 check character (MOD 11-2).
 */
export function isResidencePermitNumber(value: string, kind: 'hk_macao' | 'taiwan'): boolean {
  const prefix = kind === 'taiwan' ? /^830000/ : /^8[12]0000/;
  return (
    /^\d{17}[\dX]$/.test(value) &&
    prefix.test(value) &&
    birthDate8(value, 6) &&
    mod11CheckCharacter(value.slice(0, 17)) === value[17]
  );
}

/** ICAO Doc 9303 part 3 §4.9 check digit: weights 7, 3, 1 over digits and letters (A = 10 … Z = 35). */
export function icaoCheckDigit(body: string): string {
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const sum = [...body].reduce((s, c, i) => s + value(c) * [7, 3, 1][i % 3], 0);
  return String(sum % 10);
}

/**
 * 外国人永久居留身份证 number, either form (National Immigration Administration):
 * - 2017 form, 15 characters: nationality (ISO 3166-1 alpha-3), the 4-digit code of the accepting
 *   province and city (GB/T 2260), birth date `yymmdd`, one sequence digit, and an ICAO 9303 check
 *   digit over the first 14;
 * - 2023 form (issued from 2023-12-01), 18 characters: `9`, the accepting province (2 digits),
 *   nationality (ISO 3166-1 numeric), birth date `yyyymmdd`, 3-digit sequence, and a GB 11643
 *   check character (MOD 11-2), "与公民身份号码校验方式相同".
 */
export function isForeignPermanentResidenceId(value: string): boolean {
  if (/^[A-Z]{3}\d{12}$/.test(value)) {
    const [yy, mm, dd] = [value.slice(7, 9), value.slice(9, 11), value.slice(11, 13)].map(Number);
    return (
      isISO31661Alpha3(value.slice(0, 3)) &&
      MAINLAND_PROVINCE.test(value.slice(3, 5)) &&
      (pastDay(1900 + yy, mm, dd) || pastDay(2000 + yy, mm, dd)) &&
      icaoCheckDigit(value.slice(0, 14)) === value[14]
    );
  }
  return (
    /^9\d{16}[\dX]$/.test(value) &&
    MAINLAND_PROVINCE.test(value.slice(1, 3)) &&
    isISO31661Numeric(value.slice(3, 6)) &&
    birthDate8(value, 6) &&
    mod11CheckCharacter(value.slice(0, 17)) === value[17]
  );
}

/**
 * A passport number as ICAO Doc 9303 part 4 writes it in the machine-readable zone: up to 9
 * letters and digits (we ask at least 5); a Chinese passport (nationality CHN) as validator.js
 * knows its series (E…, G…).
 */
export function isPassportNumberOf(value: string, nationality: string): boolean {
  if (!/^[A-Z0-9]{5,9}$/.test(value)) return false;
  return nationality !== 'CHN' || isPassportNumber(value, 'CN');
}

/** A nationality as a passport names it: ISO 3166-1 alpha-3 (ICAO 9303 part 3 §5). */
export const isNationality = (value: unknown): value is string =>
  typeof value === 'string' && isISO31661Alpha3(value);

/** The characters of a unified social credit code, by value (GB 32100-2015 table 1: no I, O, S, V, Z). */
const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code (GB 32100-2015 §5). */
export function usccCheckCharacter(body17: string): string {
  const sum = [...body17].reduce((s, c, i) => s + USCC_CHARACTERS.indexOf(c) * USCC_WEIGHTS[i], 0);
  return USCC_CHARACTERS[(31 - (sum % 31)) % 31];
}

/** The check character of an organisation code's 8-character body (GB 11714-1997: weights 3 7 9 10 5 8 4 2). */
export function organisationCodeCheckCharacter(body8: string): string {
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const sum = [...body8].reduce((s, c, i) => s + value(c) * [3, 7, 9, 10, 5, 8, 4, 2][i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of its alphabet —
 * registration authority (1 character), organisation type (1), the registering division's GB/T
 * 2260 code (6 digits), the organisation code (9, GB 11714, its own check character last) and the
 * code's check character (MOD 31, weights 3^i mod 31).
 */
export function isUnifiedSocialCreditCode(value: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(value)) return false;
  const organisation = value.slice(8, 17);
  return (
    /^[0-9A-Z]{8}[0-9X]$/.test(organisation) &&
    organisationCodeCheckCharacter(organisation.slice(0, 8)) === organisation[8] &&
    usccCheckCharacter(value.slice(0, 17)) === value[17]
  );
}

/**
 * Whether `value` is a number of identity document `idType` (a natural person's) or a unified
 * social credit code, as its standard writes it (see the functions above; a resident ID in its
 * canonical 18-character form, canonicalResidentId). `nationality` is the passport's.
 */
export function isIdNumberOf(idType: string, value: string, nationality?: string): boolean {
  switch (idType) {
    case 'resident_id':
      return canonicalResidentId(value) === value;
    case 'hk_macao_residence_permit':
      return isResidencePermitNumber(value, 'hk_macao');
    case 'taiwan_residence_permit':
      return isResidencePermitNumber(value, 'taiwan');
    case 'foreign_permanent_residence_id':
      return isForeignPermanentResidenceId(value);
    case 'passport':
      return isPassportNumberOf(value, nationality ?? '');
    case ORGANISATION_ID_TYPE:
      return isUnifiedSocialCreditCode(value);
    default:
      return false;
  }
}
