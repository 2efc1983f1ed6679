import { InvalidInput, type FieldProblem } from '@app/common';
import {
  CLOCK_SUSPENSION_KINDS,
  EVENT_LABELS,
  MATERIAL_FORMS,
  type CaseEventType,
  type ClockSuspensionKind,
  type MaterialForm,
} from '@app/workflow';

/** A choice of a select or a list of checkboxes: the value posted and the words shown. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * Where a field's choices come from: fixed (`choices`), the item's checklist (`checklist`: every
 * material of the item), or the home jurisdiction's open supplement request (`requested`).
 */
type ChoicesFrom = 'checklist' | 'requested';

/**
 * One field of an event's form. `name` is the event's payload field as the JSON api takes it
 * (dotted for a nested one: `result.documentType`), so a 400 naming a field lands beside it.
 * - `text` / `textarea`: a string, left out of the event when empty (the api then names it);
 * - `select`: one of `choices` (`yesNo`: `true`/`false` posted, a boolean sent);
 * - `checkboxes`: the values ticked, a list (materials named once each);
 * - `materials`: per material of `from`, a row (handed in?, form, pages, 原件核验) → `MaterialIn[]`;
 * - `confirm`: a checkbox the console itself requires ticked; never sent to the api.
 */
export interface EventField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'checkboxes' | 'materials' | 'confirm';
  /** What the page says under the label. */
  hint?: string;
  /** Shown beside the field when the api refuses it (its messages are English). */
  invalid: string;
  choices?: readonly Choice[];
  from?: ChoicesFrom;
  /** The select's value posted is `true`/`false`, sent as a boolean. */
  yesNo?: boolean;
  /** Filled by a barcode scanner (waybills): the input carries `data-scan`. */
  scan?: boolean;
  /** Longest value in characters (the api's own limit). */
  maxChars?: number;
}

/** The form of one event: the button's words and its fields; `caution` for an action that ends or refuses. */
export interface EventForm {
  type: CaseEventType;
  label: string;
  fields: readonly EventField[];
  caution?: boolean;
}

/** How each material form reads on a page (MATERIAL_FORMS). */
export const MATERIAL_FORM_LABELS: Readonly<Record<MaterialForm, string>> = {
  original: '原件',
  certifiedCopy: '核证副本',
  copy: '复印件',
  electronic: '电子材料',
};

/** What may suspend the decision clock (行政许可法 第四十五条), in its words. */
export const SUSPENSION_KIND_LABELS: Readonly<Record<ClockSuspensionKind, string>> = {
  hearing: '听证',
  inspection: '检验、检疫',
  testing: '检测、鉴定',
  expertReview: '专家评审',
};

/** A select of `choices` (nothing pre-selected: the page offers 请选择 first). */
const selectField = (
  name: string,
  label: string,
  choices: readonly Choice[],
  more: Partial<EventField> = {},
): EventField => ({ name, label, kind: 'select', choices, invalid: `请选择${label}`, ...more });

/** A courier waybill (运单号), required `when` the page says, typed or scanned (`data-scan`). */
const waybillField = (when: string): EventField => ({
  name: 'waybillNumber',
  label: '运单号',
  kind: 'text',
  hint: `${when}必填；8–30 位大写字母或数字，可用扫码枪录入`,
  invalid: '请填写正确的运单号（8–30 位大写字母或数字；仅邮寄时填写）',
  scan: true,
  maxChars: 30,
});

const reasonField = (label: string, maxChars: number, hint?: string): EventField => ({
  name: 'reason',
  label,
  kind: 'textarea',
  hint,
  invalid: `请填写${label}（不超过 ${maxChars} 字）`,
  maxChars,
});

const decisionFields: readonly EventField[] = [
  reasonField('理由', 1000),
  {
    name: 'legalBasis',
    label: '法律依据',
    kind: 'text',
    hint: '例如《中华人民共和国行政许可法》第三十二条',
    invalid: '请填写法律依据（不超过 500 字）',
    maxChars: 500,
  },
];

const transferFields: readonly EventField[] = [
  selectField('channel', '转递方式', [
    { value: 'courier', label: '寄递原件（快递）' },
    { value: 'scan', label: '扫描件传送' },
  ]),
  waybillField('寄递原件时'),
];

/** The checklist's materials as checkboxes, to name every one to supplement at once (一次性告知). */
const toSupplement = (name: string, label: string): EventField => ({
  name,
  label,
  kind: 'checkboxes',
  from: 'checklist',
  hint: '一次性告知：勾选需要补正的每一份材料',
  invalid: '请至少勾选一份需要补正的材料',
});

const materialsField = (from: ChoicesFrom, label: string): EventField => ({
  name: 'materials',
  label,
  kind: 'materials',
  from,
  hint: '勾选交来的每份材料，写明形式；复印件当场与原件核对的，勾选“已核验原件”',
  invalid: '请勾选交来的材料，每份写明形式，页数为正整数；只有复印件可勾选“已核验原件”',
});

/** How a window checks identity (VERIFY_IDENTITY's `method`), as the form offers it and the history names it. */
export const IDENTITY_METHODS: readonly { value: string; label: string }[] = [
  { value: 'id-card-reader', label: '身份证读卡' },
  { value: 'id-card-reader+face', label: '身份证读卡并人脸比对' },
  { value: 'document-inspection', label: '人工查验证件' },
];

/**
 * The one map of event → form (issue 14: actions rendered from the allowed events only, each with
 * the fields it needs), the fields being the JSON api's payload of each event
 * (apps/api/src/cases/dto/case-event.dto.ts). `null`: the console renders no form for it — events
 * only the system sends (transfer and delivery outcomes, deemed acceptance) and CHECK_IN, which
 * the parcel check-in page records against the manifest.
 */
export const EVENT_FORMS: Readonly<Record<CaseEventType, EventForm | null>> = {
  PASS_FORM_CHECK: { type: 'PASS_FORM_CHECK', label: '形式审查通过', fields: [] },
  FAIL_FORM_CHECK: {
    type: 'FAIL_FORM_CHECK',
    label: '形式审查不通过，一次性告知补正',
    caution: true,
    fields: [
      toSupplement('missing', '缺少或不合格的材料'),
      {
        name: 'note',
        label: '补正说明',
        kind: 'textarea',
        hint: '选填，将印在一次性告知书上',
        invalid: '补正说明不能超过 500 字',
        maxChars: 500,
      },
    ],
  },
  RESUBMIT: {
    type: 'RESUBMIT',
    label: '申请人重新提交材料',
    fields: [materialsField('checklist', '重新提交的材料')],
  },
  VERIFY_IDENTITY: {
    type: 'VERIFY_IDENTITY',
    label: '身份核验',
    fields: [
      selectField('method', '核验方式', IDENTITY_METHODS),
      selectField(
        'passed',
        '核验结果',
        [
          { value: 'true', label: '核验通过' },
          { value: 'false', label: '核验未通过' },
        ],
        { yesNo: true },
      ),
    ],
  },
  FORWARD: { type: 'FORWARD', label: '转递业务属地部门', fields: transferFields },
  TRANSFER_DELIVERED: null,
  CHECK_IN: null,
  TRANSFER_FAILED: null,
  REDISPATCH: { type: 'REDISPATCH', label: '重新转递', fields: transferFields },
  ACCEPT: { type: 'ACCEPT', label: '受理', fields: [] },
  DEEM_ACCEPTED: null,
  REQUEST_SUPPLEMENT: {
    type: 'REQUEST_SUPPLEMENT',
    label: '一次性告知补正',
    caution: true,
    fields: [
      toSupplement('items', '需要补正的材料'),
      {
        name: 'note',
        label: '补正要求',
        kind: 'textarea',
        invalid: '请填写补正要求（不超过 1000 字）',
        maxChars: 1000,
      },
      reasonField('再次补正的理由', 1000, '第二次及以后的补正必填：上次补交的材料为何仍不合格'),
    ],
  },
  SUPPLEMENT_RECEIVED: {
    type: 'SUPPLEMENT_RECEIVED',
    label: '收到补正材料',
    fields: [materialsField('requested', '补交的材料')],
  },
  REFUSE: { type: 'REFUSE', label: '不予受理', caution: true, fields: decisionFields },
  APPROVE: {
    type: 'APPROVE',
    label: '准予许可，办结',
    fields: [
      {
        name: 'result.documentType',
        label: '结果文书类型',
        kind: 'text',
        hint: '例如 公证书',
        invalid: '请填写结果文书类型（不超过 100 字）',
        maxChars: 100,
      },
      {
        name: 'result.documentNumber',
        label: '文书编号',
        kind: 'text',
        hint: '例如 (2026)沪浦证字第1024号',
        invalid: '请填写文书编号（不超过 100 字）',
        maxChars: 100,
      },
      {
        name: 'result.eLicenceId',
        label: '电子证照编号',
        kind: 'text',
        hint: '选填，签发电子证照的填写',
        invalid: '电子证照编号不能超过 100 字',
        maxChars: 100,
      },
    ],
  },
  DENY: { type: 'DENY', label: '不予许可，办结', caution: true, fields: decisionFields },
  EXTEND_TIME_LIMIT: {
    type: 'EXTEND_TIME_LIMIT',
    label: '延长办理时限十个工作日',
    fields: [reasonField('延长理由', 500, '经本机关负责人批准（行政许可法第四十二条），理由将告知申请人')],
  },
  SUSPEND_CLOCK: {
    type: 'SUSPEND_CLOCK',
    label: '进入特别程序，中止计时',
    fields: [
      selectField(
        'kind',
        '特别程序',
        CLOCK_SUSPENSION_KINDS.map((k) => ({ value: k, label: SUSPENSION_KIND_LABELS[k] })),
        { hint: '行政许可法第四十五条：所需时间不计入办理时限' },
      ),

      reasonField('中止理由', 500),
    ],
  },
  RESUME_CLOCK: {
    type: 'RESUME_CLOCK',
    label: '特别程序结束，恢复计时',
    fields: [
      {
        name: 'note',
        label: '结论',
        kind: 'textarea',
        hint: '选填',
        invalid: '结论不能超过 500 字',
        maxChars: 500,
      },
    ],
  },
  DISPATCH_RESULT: {
    type: 'DISPATCH_RESULT',
    label: '送达结果或通知书',
    fields: [
      selectField('method', '送达方式', [
        { value: 'mail', label: '邮寄纸质结果' },
        { value: 'online', label: '网络送达' },
      ]),
      waybillField('邮寄时'),
    ],
  },
  RESULT_DELIVERED: null,
  WITHDRAW: {
    type: 'WITHDRAW',
    label: '撤回申请',
    caution: true,
    fields: [
      reasonField('撤回原因', 500, '例如 申请人书面申请撤回'),
      {
        name: 'confirm',
        label: '我已核实申请人要求撤回；撤回后办理终止，不能恢复',
        kind: 'confirm',
        invalid: '撤回前请勾选确认',
      },
    ],
  },
};

/** The material lists a case's forms choose from: the item's checklist and the open supplement request. */
export interface FormChoices {
  checklist: readonly string[];
  requested: readonly string[] | null;
}

/** A form as a page renders it: the event's form with its fields' choices filled in. */
export interface RenderedForm extends EventForm {
  fields: (EventField & { choices: readonly Choice[] })[];
}

/** The title of an event as the page names it (the form's label, else the timeline's). */
export function eventTitle(type: string): string {
  return EVENT_FORMS[type as CaseEventType]?.label ?? EVENT_LABELS[type] ?? type;
}

/**
 * The forms of `allowed` (the case view's allowed events, in its order), skipping those the console
 * renders none for, each field's choices filled from `choices`.
 */
export function formsFor(allowed: readonly CaseEventType[], choices: FormChoices): RenderedForm[] {
  return allowed
    .map((type) => EVENT_FORMS[type])
    .filter((form): form is EventForm => form !== null)
    .map((form) => ({
      ...form,
      fields: form.fields.map((f) => ({
        ...f,
        choices: f.from ? (choices[f.from] ?? choices.checklist).map(asChoice) : (f.choices ?? []),
      })),
    }));
}

const asChoice = (name: string): Choice => ({ value: name, label: name });

/** A posted form (the console's form parser: a repeated field is a list). */
export type PostedForm = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter((s) => s !== '');

/**
 * The JSON api's event body for `form` from the posted fields of its page: strings trimmed and
 * left out when empty (the api's validation names a missing field), checkbox lists as lists, a
 * yes/no select as a boolean, `result.*` as the nested result, each ticked material row
 * (`materials.<i>.*`, rows in `choices` order) as a MaterialIn. Only the payload is read; the
 * api's own parser (parseCaseEvent) judges it.
 * @throws InvalidInput (400, field `confirm`) a confirmation checkbox left unticked
 */
export function eventBody(
  form: EventForm,
  posted: PostedForm,
  choices: FormChoices,
): Record<string, unknown> {
  const body: Record<string, unknown> = { type: form.type };
  for (const field of form.fields) {
    switch (field.kind) {
      case 'confirm':
        if (one(posted[field.name]) !== 'yes') {
          throw new InvalidInput('not confirmed', [{ field: field.name, message: field.invalid }]);
        }
        break;
      case 'checkboxes':
        body[field.name] = many(posted[field.name]);
        break;
      case 'materials':
        body[field.name] = materialsPosted(posted, (choices[field.from!] ?? choices.checklist).length);
        break;
      default: {
        const value = one(posted[field.name]);
        if (value === '') break;
        const sent = field.yesNo ? value === 'true' : value;
        const [head, leaf] = field.name.split('.');
        if (leaf) body[head] = { ...(body[head] as Record<string, unknown> | undefined), [leaf]: sent };
        else body[head] = sent;
      }
    }
  }
  return body;
}

/** The rows `materials.<i>.handed` ticked, as materials: name, form, pages (a number when digits), 原件核验. */
function materialsPosted(posted: PostedForm, rows: number): Record<string, unknown>[] {
  const materials: Record<string, unknown>[] = [];
  for (let i = 0; i < rows; i++) {
    const at = (k: string) => one(posted[`materials.${i}.${k}`]);
    if (at('handed') !== 'yes') continue;
    const pages = at('pages');
    materials.push({
      name: at('name'),
      form: at('form'),
      ...(pages ? { pages: /^\d+$/.test(pages) ? Number(pages) : pages } : {}),
      ...(at('checked') === 'yes' ? { checkedAgainstOriginal: true } : {}),
    });
  }
  return materials;
}

/**
 * The api's refusals of `form`'s fields (`details` of its 400: `missing`, `result.documentType`,
 * `materials.0.form`) as the page says them, in Chinese, beside each field (an indexed field is
 * its form field's; a missing object, `result`, its first field's); a field the form has not
 * (`type`) under `''`, the form's own.
 */
export function fieldErrors(form: EventForm, problems: readonly FieldProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const field = form.fields.find(
      (f) => p.field === f.name || p.field.startsWith(`${f.name}.`) || f.name.startsWith(`${p.field}.`),
    );
    if (field) errors[field.name] = field.invalid;
    else errors[''] = '提交的内容不完整，请检查后重新提交。';
  }
  return errors;
}

/** The material forms a materials row offers. */
export const MATERIAL_FORM_CHOICES: readonly Choice[] = MATERIAL_FORMS.map((f) => ({
  value: f,
  label: MATERIAL_FORM_LABELS[f],
}));
