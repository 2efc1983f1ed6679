/**
 * Reads the deadlines (完成时限) of annex section 三. The seed text lost the 年 after some years in
 * conversion (DESIGN.md: `20216月底前` is `2021年6月底前`); section 三 has `20226月底前` twice. The repair
 * is made here, in the generated data; the seed text is never edited.
 */

/** A year directly followed by a month, its 年 lost: `20226月` (not `2022年6月`). */
const LOST_YEAR_MARK = /(20\d{2})(1[0-2]|[1-9])月/g;
/** `2022年底前` (end of the year) or `2022年6月底前` (end of the month). */
const PERIOD_END = /(20\d{2})年(?:(1[0-2]|[1-9])月)?底前/g;

/** Puts back a lost 年 between a year and a month: `20226月底前` → `2022年6月底前`. Other text is unchanged. */
export function repairLostYearMark(text: string): string {
  return text.replace(LOST_YEAR_MARK, '$1年$2月');
}

/**
 * The last day of the period a deadline names, as `YYYY-MM-DD`, after `repairLostYearMark`:
 * `2022年底前` → `2022-12-31`, `20226月底前` → `2022-06-30`; a sentence containing `2025年底前` → `2025-12-31`;
 * null when the text names no date (`…条件成熟时实施…`).
 * @throws Error when the text has digits but no recognisable period, or names two different periods.
 */
export function parseDeadlineDate(text: string): string | null {
  const repaired = repairLostYearMark(text);
  const dates = new Set([...repaired.matchAll(PERIOD_END)].map(([, year, month]) => lastDay(year, month)));
  if (dates.size > 1) throw new Error(`Deadline names more than one period: "${text}"`);
  if (dates.size === 0) {
    if (/\d/.test(repaired)) throw new Error(`Deadline has digits but no recognisable period: "${text}"`);
    return null;
  }
  return [...dates][0];
}

function lastDay(year: string, month: string | undefined): string {
  const m = month === undefined ? 12 : Number(month);
  // Day 0 of the next month is the last day of this one.
  const day = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
