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
