import { authorityRefusal } from '@app/catalogue';
import type { JurisdictionEntity, ServiceItemEntity } from '@app/db';
import type { MaterialForm } from '@app/workflow';

/** The Chinese word of each material form (申请材料的形式). */
export const FORM_LABELS: Readonly<Record<MaterialForm, string>> = {
  original: '原件',
  certifiedCopy: '核证副本',
  copy: '复印件',
  electronic: '电子材料',
};

/** How the result reaches the applicant (送达方式), in words. */
const DELIVERY_LABELS: Readonly<Record<string, string>> = { mail: '邮寄送达', online: '网上送达' };

/** The handling modes (办理方式), in words. */
const MODE_LABELS: Readonly<Record<string, string>> = {
  online: '全程网办',
  proxy: '异地代收代办',
  joint: '多地联办',
};

/**
 * How a clerk's search text is read: Chinese characters (Han script) search item names and
 * scenarios, anything else is an item code (`ks1-00` → codes starting `KS1-00`); blank: no search.
 */
export type ItemSearch = { by: 'name'; text: string } | { by: 'code'; text: string } | { by: 'none' };

/** The search `q` as the intake page reads it (see ItemSearch); at most 50 characters are kept. */
export function itemSearchOf(q: unknown): ItemSearch {
  const text = typeof q === 'string' ? Array.from(q.trim()).slice(0, 50).join('') : '';
  if (!text) return { by: 'none' };
  if (/\p{Script=Han}/u.test(text)) return { by: 'name', text };
  return { by: 'code', text: text.toUpperCase() };
}

/** One material of the guide and of the intake checklist. */
export interface GuideMaterial {
  name: string;
  form: MaterialForm;
  formLabel: string;
  required: boolean;
  /** What the clerk should know of it: when it is needed, whether the original travels. */
  note: string;
}

/** A home jurisdiction the item may go to: its code and `name（division）`. */
export interface GuideJurisdiction {
  code: string;
  label: string;
}

/** The service guide (办事指南) of one item as the intake page shows it. */
export interface ServiceGuide {
  code: string;
  name: string;
  scenario: string;
  /** 受理条件: what the catalogue says of whether and where the item may be received. */
  conditions: string[];
  materials: GuideMaterial[];
  /** 承诺办结时限, statutory working days; null: no shorter promise (the statutory limit applies). */
  promisedWorkingDays: number | null;
  /** 法定办结时限, statutory working days. */
  statutoryWorkingDays: number;
  /** 收费: the catalogue's fee and postage terms, in words. */
  fee: string;
  deliveryMethods: string[];
  /** The jurisdictions that hold the item's authority (authorityRefusal is null). */
  jurisdictions: GuideJurisdiction[];
  /** False: the item may not be received for proxy handling (负面清单, or proxy not a mode). */
  receivable: boolean;
}

/**
 * The guide of `item` (a catalogue row) with the home jurisdictions of `jurisdictions` that may
 * handle it (libs/catalogue authorityRefusal). The catalogue records no fee of its own for any
 * item, so the fee line says that and who pays the postage.
 */
export function serviceGuide(item: ServiceItemEntity, jurisdictions: JurisdictionEntity[]): ServiceGuide {
  const receivable = !item.negativeList && item.handlingModes.includes('proxy');
  const conditions = [
    receivable
      ? '可异地代收代办（不在负面清单）'
      : '不可异地代收代办：在负面清单上或不支持代收，请引导申请人到业务属地办理',
    `办理方式：${item.handlingModes.map((m) => MODE_LABELS[m] ?? m).join('、')}`,
    `牵头单位：${item.leadDepartment ?? '未载明'}${item.authorityNote ? `（${item.authorityNote}）` : ''}`,
  ];
  if (item.originalsMustTravel) conditions.push('原件须随件寄递至业务属地部门（不可扫描传递）');
  return {
    code: item.code,
    name: item.name,
    scenario: item.scenario,
    conditions,
    materials: item.checklist.map((m) => ({
      name: m.name,
      form: m.form,
      formLabel: FORM_LABELS[m.form],
      required: m.required,
      note: materialNote(m.required, m.form, item.originalsMustTravel, item.checklistIsDefault),
    })),
    promisedWorkingDays: item.promisedLimitWorkingDays,
    statutoryWorkingDays: item.timeLimitWorkingDays,
    fee: `目录未列收费项目；邮寄费用：${item.postagePaidBy === 'government' ? '政府承担（包邮）' : '申请人承担（到付）'}`,
    deliveryMethods: item.resultDeliveryMethods.map((d) => DELIVERY_LABELS[d] ?? d),
    jurisdictions: jurisdictions
      .filter((j) => authorityRefusal(item, j) === null)
      .map((j) => ({ code: j.code, label: `${j.name}（${j.divisionName}）` })),
    receivable,
  };
}

/** The note beside a material of the checklist. */
function materialNote(
  required: boolean,
  form: MaterialForm,
  mustTravel: boolean,
  isDefault: boolean,
): string {
  const notes = [required ? '必交' : '视情形提交'];
  if (form === 'copy') notes.push('复印件须与原件核验');
  if (form === 'original' && mustTravel) notes.push('原件随件寄递');
  if (isDefault) notes.push('通用清单，属地部门可一次性告知补正');
  return notes.join('；');
}
