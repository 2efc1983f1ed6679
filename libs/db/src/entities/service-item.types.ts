/**
 * The shapes of the catalogue's columns in `service_items` (see `ServiceItemEntity`); the catalogue lib
 * (`@app/catalogue`) re-exports them with its other types.
 */

/** How an item may be handled: 全程网办 (`online`), 异地代收代办 (`proxy`), 多地联办 (`joint`). */
export type HandlingMode = 'online' | 'proxy' | 'joint';

/** How the result reaches the applicant: 寄递纸质结果 (`mail`) or 网络送达 (`online`). */
export type DeliveryMethod = 'mail' | 'online';

/** The forms a material can be in (MATERIAL_FORMS of the machine). */
export type { MaterialForm } from '@app/workflow';
import type { MaterialForm } from '@app/workflow';

/** One material of a checklist (申请材料). */
export interface MaterialRequirement {
  name: string;
  form: MaterialForm;
  /** When false the material is needed only in some cases (e.g. an agent's power of attorney). */
  required: boolean;
}

/** Who pays the postage of an item's parcels (邮寄费用): the government (包邮) or the applicant (到付). */
export type PostagePayer = 'government' | 'applicant';
