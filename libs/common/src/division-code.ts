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
