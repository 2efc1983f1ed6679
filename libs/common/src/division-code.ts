/**
 * The prefix that every division code inside `divisionCode` starts with (GB/T 2260 行政区划代码):
 * a province (xx0000) → 2 digits, a prefecture-level city (xxxx00) → 4 digits, a county or
 * district → all 6. 330000 covers 33xxxx, 330900 covers 3309xx, 330902 only itself.
 */
export function divisionPrefix(divisionCode: string): string {
  if (divisionCode.endsWith('0000')) return divisionCode.slice(0, 2);
  if (divisionCode.endsWith('00')) return divisionCode.slice(0, 4);
  return divisionCode;
}

/** The level of a division (GB/T 2260): xx0000 a province (省级, 直辖市 included), xxxx00 a prefecture-level city (地级), else a county or district (县级). */
export type DivisionLevel = 'province' | 'prefecture' | 'county';

/** The level of `divisionCode` (six digits, GB/T 2260), by the same zeros as divisionPrefix. */
export function divisionLevel(divisionCode: string): DivisionLevel {
  if (divisionCode.endsWith('0000')) return 'province';
  if (divisionCode.endsWith('00')) return 'prefecture';
  return 'county';
}
