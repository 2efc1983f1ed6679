/**
 * The catalogue's data shapes: the 140 service items of the annex to 舟政办发〔2021〕40号
 * (政务服务“跨省通办”任务分工表), their handling rules and material checklists, the Zhoushan receiving
 * windows and the home jurisdictions elsewhere. Produced by `loadCatalogueSeeds()` from `seeds/`.
 */

// The shapes of the `service_items` columns live with their entity in libs/db (which may not import this lib);
// re-exported here so the catalogue's callers keep one import.
import type { DeliveryMethod, HandlingMode, MaterialRequirement, PostagePayer } from '@app/db';
import type { ClockStage } from '@app/workflow';
export type { DeliveryMethod, HandlingMode, MaterialForm, MaterialRequirement, PostagePayer } from '@app/db';

/** One row of the annex, as parsed from the seed document (`seeds/service-items.json`). */
export interface ServiceItemSeed {
  /** `KS{batch}-{seq}` with seq zero-padded to 3 digits, e.g. `KS1-005` = section 一, row 5. */
  code: string;
  /** The annex section: 1 = 一 (2020年底前, 58 rows), 2 = 二 (2021年底前, 76 rows), 3 = 三 (2021年以后, 6 rows). */
  batch: 1 | 2 | 3;
  /** The row number within its section (序号), from 1. */
  seq: number;
  /** The item's name (“跨省通办”事项) as written, surrounding whitespace trimmed. */
  name: string;
  /** The application scenario (应用场景) as written. */
  scenario: string;
  /** The lead department (本市牵头单位); null when the annex gives only a note (e.g. 属于民航…权限). */
  leadDepartment: string | null;
  /** The cooperating departments (本市配合单位), in the annex's order; empty when none. */
  cooperatingDepartments: string[];
  /** A note on where the authority lies, without its parentheses: 属于省级权限, 已下放县区, 该事项已取消 … */
  authorityNote: string | null;
  /** Section 三 only: the deadline (完成时限) exactly as written in the seed, lost characters included. */
  deadlineText: string | null;
  /** Section 三 only: `YYYY-MM-DD`, the last day of the period named by the (repaired) deadline; null if none. */
  deadlineDate: string | null;
  /** Codes of the same item listed in another section (identical scenario text), sorted. */
  linkedCodes: string[];
}

/** How one item is handled; `seeds/item-rules.json` default merged with the item's override. */
export interface ItemRules {
  /** The handling modes allowed; proxy acceptance needs `proxy` here and `negativeList` false. */
  handlingModes: HandlingMode[];
  /** When true the paper originals must travel: only courier transfer is allowed (no scan transfer). */
  originalsMustTravel: boolean;
  /** On the negative list (负面清单): excluded from proxy acceptance. */
  negativeList: boolean;
  /** The decision time limit, in statutory working days (default 20, 行政许可法 art. 42). */
  statutoryTimeLimitWorkingDays: number;
  /** How the result may reach the applicant, in order of preference. */
  resultDeliveryMethods: DeliveryMethod[];
  /**
   * Who pays the postage of the item's parcels (邮寄费用): `government` (政府买单, free to the
   * applicant) or `applicant` (到付); shown on the manifest and the result's parcel.
   */
  postagePaidBy: PostagePayer;
  /**
   * The shorter decision limit the item's service guide promises (承诺时限), in statutory working days,
   * never above `statutoryTimeLimitWorkingDays`; null (the default): the statutory limit is the promise.
   */
  promisedTimeLimitWorkingDays: number | null;
  /**
   * Per-stage clock budgets an agreement sets for this item (between the window and the home
   * jurisdiction), statutory working days by stage, e.g. `{ forward: 2 }`; empty (the default): the
   * defaults of libs/cases `DEFAULT_CLOCK_BUDGETS`. A budget above the law's ceiling is cut to it there.
   */
  clockBudgets: ClockBudgets;
}

/** Agreed clock budgets: positive whole statutory working days by clock stage. */
export type ClockBudgets = Partial<Record<ClockStage, number>>;

/** The materials an item asks for; `isDefault` true when the item has no checklist of its own. */
export interface MaterialsChecklist {
  isDefault: boolean;
  materials: MaterialRequirement[];
}

/** A receiving window (收件窗口) in Zhoushan; `code` is `W` + the division code, e.g. `W330902`. */
export interface WindowSeed {
  code: string;
  name: string;
  /** GB/T 2260 division code, six digits. */
  divisionCode: string;
  divisionName: string;
}

/** A home jurisdiction (业务属地部门) elsewhere; `code` is `J{divisionCode}-{DEPT}`, e.g. `J310115-SFJ`. */
export interface JurisdictionSeed {
  code: string;
  name: string;
  /** GB/T 2260 division code, six digits. */
  divisionCode: string;
  divisionName: string;
  /** The department, named as the annex names lead departments (e.g. 市司法局). */
  department: string;
}

/** Everything `loadCatalogueSeeds()` returns, validated, with defaults applied to every item. */
export interface CatalogueSeeds {
  items: ServiceItemSeed[];
  /** By item code, every item, defaults applied. */
  rules: Record<string, ItemRules>;
  /** By item code, every item (default ones have isDefault true). */
  checklists: Record<string, MaterialsChecklist>;
  windows: WindowSeed[];
  jurisdictions: JurisdictionSeed[];
}
