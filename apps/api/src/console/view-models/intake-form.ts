import { POWER_OF_ATTORNEY, type ReceiveCaseCommand } from '@app/cases';
import type { FieldProblem } from '@app/common';
import { MATERIAL_FORMS, type MaterialForm, type MaterialIn } from '@app/workflow';
import { FORM_LABELS, type GuideMaterial } from './intake-guide';

/** The posted intake form: flat field names (`applicant.idNumber`, `material.2.form`) to their values. */
export type IntakeValues = Readonly<Record<string, string>>;

/** The identity documents of a natural person, as the api names them (PERSON_ID_TYPES), in words. */
export const PERSON_ID_TYPE_LABELS: readonly (readonly [string, string])[] = [
  ['resident_id', '居民身份证'],
  ['hk_macao_residence_permit', '港澳居民居住证'],
  ['taiwan_residence_permit', '台湾居民居住证'],
  ['foreign_permanent_residence_id', '外国人永久居留身份证'],
  ['passport', '护照'],
];

/** A legal person's identifier (ORGANISATION_ID_TYPE). */
export const ORGANISATION_ID = ['unified_social_credit_code', '统一社会信用代码'] as const;

/** The forms a material may be in, with their words, in the api's order (MATERIAL_FORMS). */
export const MATERIAL_FORM_OPTIONS = MATERIAL_FORMS.map((f) => [f, FORM_LABELS[f]] as const);

/**
 * The rows of the intake checklist: the item's materials, with the power of attorney (授权委托书)
 * under the exact name the api requires of any case with an agent (ReceiveCaseService): a row the
 * checklist words otherwise (`授权委托书(代理人办理时)`) takes that name, and the row is added when
 * the checklist has none.
 */
export function intakeRows(checklist: readonly GuideMaterial[]): GuideMaterial[] {
  if (checklist.some((m) => m.name === POWER_OF_ATTORNEY)) return [...checklist];
  const attorney = (m?: GuideMaterial): GuideMaterial => ({
    name: POWER_OF_ATTORNEY,
    form: m?.form ?? 'original',
    formLabel: m?.formLabel ?? FORM_LABELS.original,
    required: false,
    note: '代理人办理时必交',
  });
  const worded = checklist.findIndex((m) => m.name.startsWith(POWER_OF_ATTORNEY));
  if (worded >= 0) return checklist.map((m, i) => (i === worded ? attorney(m) : m));
  return [...checklist, attorney()];
}

/** The command of a posted form, and which checklist row each of its materials came from. */
export interface IntakeCommand {
  /** The body as POST /api/v1/applications would take it, not yet validated. */
  command: ReceiveCaseCommand;
  /** `rowOf[k]` is the checklist row of `command.materials[k]`. */
  rowOf: number[];
}

/**
 * The receive command of the posted intake form `values` for checklist `rows`: empty text fields
 * are left out; the agent and the mailing address only when one of their fields is filled; a legal
 * person's representative only for a legal person; a material for each ticked row, in the form
 * chosen, `checkedAgainstOriginal` for a copy only. Material names come from the checklist, never
 * from the form.
 */
export function intakeCommand(values: IntakeValues, rows: readonly GuideMaterial[]): IntakeCommand {
  const text = (name: string) => values[name]?.trim() || undefined;
  const group = (prefix: string, fields: readonly string[]) => {
    const entries = fields
      .map((f) => [f, text(`${prefix}.${f}`)] as const)
      .filter((e): e is readonly [string, string] => e[1] !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  };
  const person = ['name', 'idType', 'idNumber', 'nationality'];
  const kind = text('applicant.kind') === 'legal_person' ? 'legal_person' : 'natural_person';
  const applicant = {
    kind,
    ...group('applicant', [...person, 'phone']),
    ...(kind === 'legal_person'
      ? { legalRepresentative: group('applicant.legalRepresentative', person) }
      : {}),
  } as ReceiveCaseCommand['applicant'];
  const agent = group('agent', [...person, 'phone']) as ReceiveCaseCommand['agent'];
  const mailingAddress = group('mailingAddress', [
    'provinceCode',
    'cityCode',
    'districtCode',
    'street',
    'recipient',
    'phone',
  ]) as ReceiveCaseCommand['mailingAddress'];
  const rowOf: number[] = [];
  const materials: MaterialIn[] = [];
  rows.forEach((row, i) => {
    if (values[`material.${i}.received`] !== 'on') return;
    const chosen = values[`material.${i}.form`] as MaterialForm;
    const form = (MATERIAL_FORMS as readonly string[]).includes(chosen) ? chosen : row.form;
    materials.push({
      name: row.name,
      form,
      ...(form === 'copy' ? { checkedAgainstOriginal: values[`material.${i}.checked`] === 'on' } : {}),
    });
    rowOf.push(i);
  });
  const command: ReceiveCaseCommand = {
    itemCode: text('itemCode') ?? '',
    jurisdictionCode: text('jurisdictionCode') ?? '',
    applicant,
    ...(agent ? { agent } : {}),
    ...(mailingAddress ? { mailingAddress } : {}),
    materials,
  };
  return { command, rowOf };
}

/** The words of the last part of a field's path. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  itemCode: '事项',
  jurisdictionCode: '业务属地部门',
  windowCode: '收件窗口',
  kind: '申请人类型',
  name: '姓名或名称',
  idType: '证件类型',
  idNumber: '证件号码',
  nationality: '国籍',
  phone: '手机号码',
  provinceCode: '省级行政区划代码',
  cityCode: '市级行政区划代码',
  districtCode: '县级行政区划代码',
  street: '详细地址',
  recipient: '收件人',
  form: '材料形式',
  checkedAgainstOriginal: '原件核验',
  materials: '已收材料',
  applicant: '申请人',
  agent: '代理人',
  mailingAddress: '邮寄地址',
  legalRepresentative: '法定代表人',
};

/** Who a field's path is about, by its first parts. */
const OWNERS: readonly (readonly [string, string])[] = [
  ['applicant.legalRepresentative.', '法定代表人'],
  ['applicant.', '申请人'],
  ['agent.', '代理人'],
  ['mailingAddress.', '邮寄地址'],
];

/** The api's messages (class-validator's and the receiving service's), in Chinese, by what they say. */
const MESSAGES: readonly (readonly [RegExp, (label: string) => string])[] = [
  [/ is required|must not be blank/, (l) => `请填写${l}`],
  [/at least 1 elements/, () => '请至少勾选一项已收到的材料'],
  [/mobile number/, (l) => `${l}须为 11 位大陆手机号码`],
  [/idType must be unified_social_credit_code/, () => '法人须选“统一社会信用代码”，自然人须选身份证件类型'],
  [
    /must be (a|an) .*(number|code)\b.*(GB|ICAO|check)/i,
    (l) => `${l}与所选证件类型不符（位数、出生日期或校验位有误）`,
  ],
  [/ISO 3166-1 alpha-3/, (l) => `${l}须为三位字母国家代码，如 GBR`],
  [/belongs to a passport only/, () => '只有护照需填写国籍'],
  [/belongs to a copy only/, () => '原件核验只适用于复印件'],
  [/6-digit division code/, (l) => `${l}须为 6 位数字（GB/T 2260）`],
  [/division|has districts/, (l) => `${l}与上一级行政区划不相符`],
  [/negative list/, () => '该事项在异地代收代办负面清单上，不能代收'],
  [/unknown service item/, () => '目录中没有这个事项'],
  [/unknown home jurisdiction/, () => '请选择业务属地部门'],
  [/does not handle|authority lies|cancelled/, () => '该业务属地部门不承办此事项，请另选'],
  [/not your window/, () => '只能在本窗口收件'],
  [/longer than|characters/, (l) => `${l}过长`],
  [/must be one of the following values/, (l) => `请选择${l}`],
];

/** One problem of a refused intake, on the form's own field name, in Chinese. */
export interface IntakeProblem {
  /** The form field it belongs to (`applicant.idNumber`, `material.2.form`, `materials`). */
  field: string;
  message: string;
}

/**
 * The api's field problems of a refused intake (`details` of its 400: dotted paths of the command,
 * English messages) on the form's fields, in Chinese. `rowOf` maps `materials.<k>` to the
 * checklist row (intakeCommand); `rows` names the material. An unknown message keeps the field and
 * says that it is wrong.
 */
export function intakeProblems(
  details: readonly FieldProblem[],
  rowOf: readonly number[],
  rows: readonly GuideMaterial[],
): IntakeProblem[] {
  return details.map(({ field, message }) => {
    const material = /^materials\.(\d+)(?:\.(\w+))?$/.exec(field);
    if (material) {
      const row = rowOf[Number(material[1])] ?? 0;
      const part = material[2] ?? 'form';
      const label = `材料“${rows[row]?.name ?? ''}”的${FIELD_WORDS[part] ?? part}`;
      return {
        field: `material.${row}.${part === 'checkedAgainstOriginal' ? 'checked' : 'form'}`,
        message: say(message, label),
      };
    }
    const owner = OWNERS.find(([prefix]) => field.startsWith(prefix))?.[1] ?? '';
    const last = field.split('.').pop() ?? field;
    return { field, message: say(message, `${owner}${FIELD_WORDS[last] ?? last}`) };
  });
}

/** `message` in Chinese about the field labelled `label`. */
function say(message: string, label: string): string {
  const found = MESSAGES.find(([pattern]) => pattern.test(message));
  return found ? found[1](label) : `${label}填写有误，请核对`;
}
