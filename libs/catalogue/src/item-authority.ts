import { divisionLevel, type DivisionLevel } from '@app/common';
import type { JurisdictionSeed, ServiceItemSeed } from './catalogue.types';

/**
 * Who holds the power to decide an item (事项权限), read from the annex's lead department and its
 * authority note (舟政办发〔2021〕40号 附件, the bracketed notes of column 本市牵头单位):
 * - `department`: the lead department's line at any level (no note, or 省公安厅牵头实施: the
 *   provincial 公安厅 coordinates the task, the local 公安 still registers);
 * - `department` at `county` level: 已下放县区, the power was devolved to counties and districts;
 * - `department` at `province` level: 属于省级权限, a provincial department decides (for a
 *   直辖市 such as 上海市 its municipal bureau, division xx0000);
 * - `body`: 属于<body>权限, a named body outside the local departments (民航浙江安全监督管理局,
 *   国家濒管办上海办事处): only a jurisdiction that is that body holds it;
 * - `nobody`: 该事项已取消, the item was cancelled.
 * A home jurisdiction receives a case only for an item whose authority it holds (行政许可法 第二十二条:
 * a licence is decided by the organ that holds the power, within its statutory competence).
 */
export type ItemAuthority =
  | { kind: 'department'; department: string; level: DivisionLevel | null }
  | { kind: 'body'; body: string }
  | { kind: 'nobody' };

/** The fields of an item that say where its authority lies. */
type AuthorityFields = Pick<ServiceItemSeed, 'leadDepartment' | 'authorityNote'>;
/** The fields of a home jurisdiction that say what it is. */
type JurisdictionFields = Pick<JurisdictionSeed, 'name' | 'divisionCode' | 'department'>;

const NAMED_BODY = /^属于(.+)权限$/;
const LEVEL_OF_NOTE: Readonly<Record<string, DivisionLevel>> = {
  属于省级权限: 'province',
  已下放县区: 'county',
};
const LEVEL_NAMES: Readonly<Record<DivisionLevel, string>> = {
  province: 'provincial (省级, division xx0000)',
  prefecture: 'prefecture-level (地级, division xxxx00)',
  county: 'county or district (县级) level',
};

/**
 * Where the authority of `item` lies (see ItemAuthority).
 * @throws Error when the item has neither a lead department nor a note naming a body: the seed
 *   loader refuses such rows, so this is a catalogue that bypassed it.
 */
export function itemAuthority(item: AuthorityFields): ItemAuthority {
  const note = item.authorityNote;
  if (note === '该事项已取消') return { kind: 'nobody' };
  const level = note !== null && Object.hasOwn(LEVEL_OF_NOTE, note) ? LEVEL_OF_NOTE[note] : null;
  const body = note !== null && level === null ? NAMED_BODY.exec(note)?.[1] : undefined;
  if (body) return { kind: 'body', body };
  if (item.leadDepartment === null) throw new Error(`item without a lead department or a body: ${note}`);
  return { kind: 'department', department: item.leadDepartment, level };
}

/**
 * Why `jurisdiction` does not hold the authority of `item`, in words a clerk can act on; null when
 * it holds it (its department is the item's line at the level the note requires, or it is the
 * named body).
 */
export function authorityRefusal(item: AuthorityFields, jurisdiction: JurisdictionFields): string | null {
  const authority = itemAuthority(item);
  switch (authority.kind) {
    case 'nobody':
      return `the item was cancelled (${item.authorityNote}): no jurisdiction holds its authority`;
    case 'body':
      return jurisdiction.department === authority.body
        ? null
        : `the authority lies with ${authority.body} (${item.authorityNote}), not with ${jurisdiction.name}`;
    case 'department':
      if (jurisdiction.department !== authority.department) {
        return `${jurisdiction.name} does not handle this item: its lead department is ${authority.department}`;
      }
      return authority.level === null || divisionLevel(jurisdiction.divisionCode) === authority.level
        ? null
        : `the authority lies with ${authority.department} at ${LEVEL_NAMES[authority.level]} ` +
            `(${item.authorityNote}), not with ${jurisdiction.name}`;
  }
}
