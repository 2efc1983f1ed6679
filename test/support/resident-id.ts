const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * An invented resident ID number with a valid GB 11643 check digit (ISO 7064 MOD 11-2), from a
 * 6-digit division code, a birth date `yyyymmdd` and a 3-digit sequence. For tests and the demo only.
 */
export function residentId(division: string, birth: string, sequence: string): string {
  const body = `${division}${birth}${sequence}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return body + CHECK[sum % 11];
}

/** The same number with its check digit changed to a wrong one. */
export function withWrongCheckDigit(id: string): string {
  const wrong = id.endsWith('0') ? '1' : '0';
  return id.slice(0, 17) + wrong;
}

/** A 港澳 (810000 / 820000) or 台湾 (830000) 居民居住证 number: the resident ID rule with that address code. */
export const residencePermit = (place: '810000' | '820000' | '830000', birth: string, sequence: string) =>
  residentId(place, birth, sequence);

/**
 * A 2023-form 外国人永久居留身份证 number: `9`, the accepting province (2 digits), the nationality (ISO
 * 3166-1 numeric, e.g. 826), birth date `yyyymmdd`, a 3-digit sequence, a GB 11643 check character.
 */
export const permanentResidence2023 = (
  province: string,
  nationality: string,
  birth: string,
  sequence: string,
) => residentId(`9${province}${nationality}`, birth, sequence);

/** ICAO 9303 check digit (7-3-1; A = 10 … Z = 35). */
const icao = (body: string) =>
  String(
    [...body].reduce(
      (s, c, i) => s + (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * [7, 3, 1][i % 3],
      0,
    ) % 10,
  );

/**
 * A 2017-form 外国人永久居留身份证 number: nationality (ISO 3166-1 alpha-3), the accepting province and
 * city (4 digits), birth date `yymmdd`, one sequence digit, an ICAO 9303 check digit.
 */
export const permanentResidence2017 = (
  nationality: string,
  place: string,
  birth: string,
  sequence: string,
) => {
  const body = `${nationality}${place}${birth}${sequence}`;
  return body + icao(body);
};

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * An invented unified social credit code (GB 32100-2015) of a company (91) registered in `division`,
 * with organisation code body `org8` (8 digits or capitals; its GB 11714 check character computed).
 */
export function creditCode(division: string, org8: string): string {
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const orgCheck = 11 - ([...org8].reduce((s, c, i) => s + value(c) * [3, 7, 9, 10, 5, 8, 4, 2][i], 0) % 11);
  const body = `91${division}${org8}${orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : orgCheck}`;
  const sum = [...body].reduce((s, c, i) => s + USCC.indexOf(c) * USCC_WEIGHTS[i], 0);
  return body + USCC[(31 - (sum % 31)) % 31];
}
