import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryMethod, HandlingMode, MaterialRequirement, PostagePayer } from './service-item.types';

/** A row of the catalogue (舟政办发〔2021〕40号 附件) with the rules guards read. */
@Entity('service_items')
export class ServiceItemEntity {
  /** 'KS1-005' = annex section 一, row 5. */
  @PrimaryColumn() code: string;
  @Column('smallint') batch: number;
  @Column('smallint') seq: number;
  @Column() name: string;
  @Column() scenario: string;
  @Column({ name: 'lead_department', type: 'text', nullable: true }) leadDepartment: string | null;
  @Column({ name: 'cooperating_departments', type: 'text', array: true }) cooperatingDepartments: string[];
  @Column({ name: 'authority_note', type: 'text', nullable: true }) authorityNote: string | null;
  @Column({ name: 'deadline_text', type: 'text', nullable: true }) deadlineText: string | null;
  @Column({ name: 'deadline_date', type: 'date', nullable: true }) deadlineDate: string | null;
  @Column({ name: 'linked_codes', type: 'text', array: true }) linkedCodes: string[];
  @Column({ name: 'handling_modes', type: 'text', array: true }) handlingModes: HandlingMode[];
  @Column({ name: 'originals_must_travel' }) originalsMustTravel: boolean;
  @Column({ name: 'negative_list' }) negativeList: boolean;
  /** Statutory decision time limit in statutory working days (行政许可法 art. 42 default: 20). */
  @Column({ name: 'time_limit_working_days', type: 'smallint' }) timeLimitWorkingDays: number;
  /** The shorter limit the service guide promises (承诺时限), working days; null: the statutory one. */
  @Column({ name: 'promised_limit_working_days', type: 'smallint', nullable: true })
  promisedLimitWorkingDays: number | null;
  /** Per-stage clock budgets an agreement sets for this item, working days by ClockStage (e.g. `{"forward": 2}`). */
  @Column({ name: 'clock_budgets', type: 'jsonb', default: {} }) clockBudgets: Record<string, number>;
  @Column({ name: 'result_delivery_methods', type: 'text', array: true })
  resultDeliveryMethods: DeliveryMethod[];
  /** Who pays the postage of the item's parcels (邮寄费用): government (包邮) or applicant (到付). */
  @Column({ name: 'postage_paid_by', type: 'text' }) postagePaidBy: PostagePayer;
  @Column({ type: 'jsonb' }) checklist: MaterialRequirement[];
  @Column({ name: 'checklist_is_default' }) checklistIsDefault: boolean;
}
