import type { AnnexSection } from './annex-sections';

/** One table row: its number (序号) and the cells after it (事项, 应用场景, 牵头单位, …), in order. */
export interface AnnexRow {
  batch: 1 | 2 | 3;
  seq: number;
  cells: string[];
}

const SECTION_NAMES = ['', '一', '二', '三'] as const;
/** A cell holding only a row number. No name, scenario or department in the annex is all digits. */
const ROW_NUMBER = /^\d{1,3}$/;

/** `二-45` style label for error messages. */
export function rowLabel(batch: 1 | 2 | 3, seq: number): string {
  return `${SECTION_NAMES[batch]}-${seq}`;
}

/**
 * Groups a section's cells into rows: a cell that is a bare number starts a row, and the numbers must run
 * 1, 2, 3 … without a gap. Then checks the count against the section header and `expectedCount`.
 * @throws Error when a row number is out of sequence (a row missing or repeated), or the count differs.
 */
export function splitRows(section: AnnexSection, expectedCount: number): AnnexRow[] {
  const rows: AnnexRow[] = [];
  for (const cell of section.cells) {
    if (ROW_NUMBER.test(cell)) {
      const expected = rows.length + 1;
      if (Number(cell) !== expected) {
        throw new Error(
          `Annex section ${SECTION_NAMES[section.batch]}: expected row ${expected} after row ${expected - 1}, found row ${cell}`,
        );
      }
      rows.push({ batch: section.batch, seq: expected, cells: [] });
    } else {
      rows[rows.length - 1].cells.push(cell);
    }
  }
  if (rows.length !== expectedCount || section.declaredCount !== expectedCount) {
    throw new Error(
      `Annex section ${SECTION_NAMES[section.batch]}: expected ${expectedCount} rows, ` +
        `header declares ${section.declaredCount}, found ${rows.length}`,
    );
  }
  return rows;
}
