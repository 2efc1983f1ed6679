/**
 * Finds the annex of 舟政办发〔2021〕40号 (政务服务“跨省通办”任务分工表) in the plan's text and cuts it into its
 * three sections. The text is the seed document converted from the published page: one table cell per line,
 * cells separated by blank lines, some blank lines holding only a no-break space.
 */

/** The annex's title line; the annex is everything after its last occurrence. */
export const ANNEX_TITLE = '政务服务“跨省通办”任务分工表';

/** Rows each section must have, as the section headers declare them (58 + 76 + 6 = 140). */
export const EXPECTED_ROW_COUNTS: Readonly<Record<1 | 2 | 3, number>> = { 1: 58, 2: 76, 3: 6 };

/** One section of the annex: its number, the count its header declares and its non-empty lines. */
export interface AnnexSection {
  /** 1, 2, 3 for 一, 二, 三. */
  batch: 1 | 2 | 3;
  /** The header line, e.g. `一、2020年底前实现“跨省通办”的事项(58项)`. */
  header: string;
  /** The row count the header declares (`(58项)`). */
  declaredCount: number;
  /** The column headings (序号, 事项, 应用场景, 牵头单位, 配合单位 or 完成时限 …), lines before row 1. */
  columns: string[];
  /** The table's cells from row 1 on, one per line, trimmed, blank lines dropped. */
  cells: string[];
}

const NUMERALS: Record<string, 1 | 2 | 3> = { 一: 1, 二: 2, 三: 3 };
/** `一、2020年底前实现“跨省通办”的事项(58项)`; ASCII or full-width parentheses. */
const SECTION_HEADER = /^([一二三])、.+[(（](\d+)项[)）]$/;
/** The closing note under the table (`注:根据企业、群众需求…`). */
const CLOSING_NOTE = /^注[:：]/;

/**
 * Splits the plan's text into the annex's three sections, in order 一, 二, 三.
 * Lines are trimmed (JS `trim` also drops the no-break spaces of empty cells); blank lines are dropped.
 * @throws Error when the annex title is missing, or the sections are not exactly 一, 二, 三 in order, or a
 *   section has no row 1.
 */
export function splitAnnexSections(text: string): AnnexSection[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const titleAt = lines.lastIndexOf(ANNEX_TITLE);
  if (titleAt < 0) throw new Error(`Annex not found: no line "${ANNEX_TITLE}"`);

  const headers: number[] = [];
  for (let i = titleAt + 1; i < lines.length; i++) if (SECTION_HEADER.test(lines[i])) headers.push(i);
  const numerals = headers.map((i) => lines[i].charAt(0)).join('');
  if (numerals !== '一二三') {
    throw new Error(`Annex sections must be 一, 二, 三 in order; found "${numerals || 'none'}"`);
  }

  return headers.map((start, k) => {
    const end = k + 1 < headers.length ? headers[k + 1] : lines.length;
    const body = lines.slice(start + 1, end).filter((line) => line !== '');
    const noteAt = body.findIndex((line) => CLOSING_NOTE.test(line));
    const table = noteAt < 0 ? body : body.slice(0, noteAt);
    const header = lines[start];
    const match = SECTION_HEADER.exec(header) as RegExpExecArray;
    const firstRow = table.indexOf('1');
    if (firstRow < 0) throw new Error(`Annex section ${match[1]}: no row 1`);
    return {
      batch: NUMERALS[match[1]],
      header,
      declaredCount: Number(match[2]),
      columns: table.slice(0, firstRow),
      cells: table.slice(firstRow),
    };
  });
}
