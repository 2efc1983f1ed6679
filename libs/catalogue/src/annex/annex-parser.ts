import type { ServiceItemSeed } from '../catalogue.types';
import { type AnnexRow, rowLabel, splitRows } from './annex-rows';
import { type AnnexSection, EXPECTED_ROW_COUNTS, splitAnnexSections } from './annex-sections';
import { parseDeadlineDate } from './deadline';
import { parseDepartmentList, parseLeadCell, parseNoteCell } from './lead-department';
import { linkSameScenario } from './link-rows';

/** The cells of a row after its number, per section layout. */
type Layout = 'cooperating' | 'deadline';

/**
 * Parses the annex of 舟政办发〔2021〕40号 (政务服务“跨省通办”任务分工表) into its 140 service items, in section
 * and row order. Pure: takes the whole plan text, does no I/O.
 *
 * Sections 一 (58 rows) and 二 (76) have the columns 序号, 事项, 应用场景, 牵头单位, 配合单位; section 三 (6) has
 * 完成时限 in place of 配合单位. A lead cell may carry a note in parentheses (属于省级权限 …) or the cooperating
 * departments (三-5), or be only a note (一-49); a note may also stand in a cell of its own (二-45). Deadlines
 * lost their 年 in places and are repaired (`deadline.ts`). Rows of different sections with the same
 * scenario are linked (`linkedCodes`).
 * @throws Error when the annex or a section is missing, a section does not have 58 / 76 / 6 rows, or a row
 *   cannot be parsed (the message names the row, e.g. `二-45`).
 */
export function parseAnnex(text: string): ServiceItemSeed[] {
  const items = splitAnnexSections(text).flatMap((section) => {
    const layout = layoutOf(section);
    return splitRows(section, EXPECTED_ROW_COUNTS[section.batch]).map((row) => parseRow(row, layout));
  });
  return linkSameScenario(items);
}

/** `KS1-005` for section 一, row 5. */
export function itemCode(batch: 1 | 2 | 3, seq: number): string {
  return `KS${batch}-${String(seq).padStart(3, '0')}`;
}

function layoutOf(section: AnnexSection): Layout {
  const columns = section.columns.join('');
  if (columns.endsWith('完成时限')) return 'deadline';
  if (columns.endsWith('配合单位')) return 'cooperating';
  throw new Error(`Annex section "${section.header}": unknown columns "${section.columns.join(' | ')}"`);
}

function parseRow(row: AnnexRow, layout: Layout): ServiceItemSeed {
  try {
    return layout === 'deadline' ? parseDeadlineRow(row) : parseCooperatingRow(row);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Annex row ${rowLabel(row.batch, row.seq)} cannot be parsed: ${reason}`);
  }
}

/** 事项, 应用场景, 牵头单位, then optionally a note cell `(…)` and a cooperating cell `A、B`. */
function parseCooperatingRow(row: AnnexRow): ServiceItemSeed {
  if (row.cells.length < 3 || row.cells.length > 5) {
    throw new Error(
      `expected 3 to 5 cells (事项, 应用场景, 牵头单位, [note], [配合单位]), found ${row.cells.length}`,
    );
  }
  const [name, scenario, leadCell, ...rest] = row.cells;
  const lead = parseLeadCell(leadCell);
  let authorityNote = lead.authorityNote;
  let cooperatingDepartments = lead.cooperatingDepartments;
  for (const cell of rest) {
    const note = parseNoteCell(cell);
    if (note !== null) {
      if (authorityNote !== null) throw new Error(`two authority notes: "${authorityNote}", "${note}"`);
      authorityNote = note;
    } else {
      if (cooperatingDepartments.length > 0) throw new Error(`two cooperating-department cells: "${cell}"`);
      cooperatingDepartments = parseDepartmentList(cell);
    }
  }
  return seed(row, name, scenario, { ...lead, authorityNote, cooperatingDepartments }, null);
}

/** Section 三: 事项, 应用场景, 牵头单位, 完成时限. */
function parseDeadlineRow(row: AnnexRow): ServiceItemSeed {
  if (row.cells.length !== 4) {
    throw new Error(`expected 4 cells (事项, 应用场景, 牵头单位, 完成时限), found ${row.cells.length}`);
  }
  const [name, scenario, leadCell, deadlineText] = row.cells;
  return seed(row, name, scenario, parseLeadCell(leadCell), deadlineText);
}

function seed(
  row: AnnexRow,
  name: string,
  scenario: string,
  lead: Pick<ServiceItemSeed, 'leadDepartment' | 'authorityNote' | 'cooperatingDepartments'>,
  deadlineText: string | null,
): ServiceItemSeed {
  return {
    code: itemCode(row.batch, row.seq),
    batch: row.batch,
    seq: row.seq,
    name: name.trim(),
    scenario: scenario.trim(),
    leadDepartment: lead.leadDepartment,
    cooperatingDepartments: lead.cooperatingDepartments,
    authorityNote: lead.authorityNote,
    deadlineText,
    deadlineDate: deadlineText === null ? null : parseDeadlineDate(deadlineText),
    linkedCodes: [],
  };
}
