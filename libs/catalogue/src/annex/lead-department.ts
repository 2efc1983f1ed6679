/**
 * Reads the department cells of an annex row (本市牵头单位, 本市配合单位). The seed writes them in these shapes
 * (ASCII parentheses throughout the 2021 text; full-width ones are accepted too):
 * - `市司法局`                              → lead, no note
 * - `市市场监管局(属于省级权限)`             → lead + note (also 已下放县区, 省公安厅牵头实施, 该事项已取消)
 * - `市人社局(配合单位:市医保局)`            → lead + cooperating departments written inside the parentheses (三-5)
 * - `属于民航浙江安全监督管理局权限`          → no lead, only a note (一-49)
 * - `(属于国家濒管办上海办事处权限)`          → a note in a cell of its own, after the lead (二-45)
 * - `市公安局、市民政局、市卫健委`            → cooperating departments, separated by 、
 */

/** What a lead cell says: the department, a note on the authority, cooperating departments named inside it. */
export interface LeadCell {
  leadDepartment: string | null;
  authorityNote: string | null;
  cooperatingDepartments: string[];
}

/** `name(inner)` with ASCII or full-width parentheses. */
const WITH_PARENTHESES = /^([^()（）]*)[(（]([^()（）]+)[)）]$/;
/** A lead cell that is only a note: `属于…权限`. */
const NOTE_ONLY = /^属于.+权限$/;
/** Cooperating departments written inside the lead's parentheses: `配合单位:…`. */
const COOPERATING_INSIDE = /^配合单位\s*[:：]\s*(.+)$/;
/** A department's name: Chinese characters only (市司法局, 人行舟山市中心支行, 市智慧城市运营有限公司). */
const DEPARTMENT_NAME = /^[\u4e00-\u9fff]{2,20}$/;

/**
 * Parses a lead cell (牵头单位).
 * @throws Error when the department part is not a plain department name (e.g. the cells are shifted).
 */
export function parseLeadCell(cell: string): LeadCell {
  const text = cell.trim();
  if (NOTE_ONLY.test(text)) return { leadDepartment: null, authorityNote: text, cooperatingDepartments: [] };

  const match = WITH_PARENTHESES.exec(text);
  const department = requireDepartment(match ? match[1] : text, cell);
  if (!match) return { leadDepartment: department, authorityNote: null, cooperatingDepartments: [] };

  const inner = match[2].trim();
  const cooperating = COOPERATING_INSIDE.exec(inner);
  return cooperating
    ? {
        leadDepartment: department,
        authorityNote: null,
        cooperatingDepartments: parseDepartmentList(cooperating[1]),
      }
    : { leadDepartment: department, authorityNote: inner, cooperatingDepartments: [] };
}

/** The note of a cell that is wholly in parentheses, `(属于…权限)` → `属于…权限`; null for any other cell. */
export function parseNoteCell(cell: string): string | null {
  const match = WITH_PARENTHESES.exec(cell.trim());
  return match && match[1].trim() === '' ? match[2].trim() : null;
}

/**
 * Parses a list of departments separated by 、 (or a comma).
 * @throws Error when an entry is not a plain department name.
 */
export function parseDepartmentList(cell: string): string[] {
  return cell
    .split(/[、,，]/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => requireDepartment(name, cell));
}

function requireDepartment(name: string, cell: string): string {
  const trimmed = name.trim();
  if (!DEPARTMENT_NAME.test(trimmed))
    throw new Error(`Not a department name: "${trimmed}" in cell "${cell}"`);
  return trimmed;
}
