import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  DeliveryMethod,
  PostagePayer,
  HandlingMode,
  MaterialForm,
  MaterialRequirement,
} from '@app/catalogue';
import type { ServiceItemEntity } from '@app/db';
import { CLOCK_STAGES, MATERIAL_FORMS } from '@app/workflow';

/** OpenAPI shape of one material of an item's checklist (申请材料). */
export class ChecklistMaterialDto implements MaterialRequirement {
  @ApiProperty({ example: '学历证书' }) name: string;
  @ApiProperty({ enum: MATERIAL_FORMS }) form: MaterialForm;
  @ApiProperty({ description: 'false: needed only in some cases (e.g. an agent’s power of attorney)' })
  required: boolean;
}

/**
 * The time limits an item's service guide shows, in statutory working days (法定工作日): the law's
 * decision limit, the shorter one the guide promises, and the per-stage budgets an agreement sets.
 */
export class ItemTimeLimitsDto {
  @ApiProperty({
    example: 20,
    description: '法定办结时限: the decision limit the law sets (行政许可法 art. 42), working days',
  })
  statutoryDecisionWorkingDays: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 5,
    description:
      '承诺办结时限: the shorter decision limit the service guide promises, working days; null: none (the statutory one applies). The decision clock runs on it.',
  })
  promisedDecisionWorkingDays: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 1 },
    propertyNames: { enum: [...CLOCK_STAGES] },
    example: { forward: 2 },
    description:
      'Clock budgets an agreement sets for this item, working days by clock stage; stages absent keep their defaults. Never above the law’s ceiling for the stage.',
  } as object)
  agreedStageBudgetsWorkingDays: Record<string, number>;
}

/** OpenAPI shape of a catalogue item (事项) as `GET /items` and `GET /items/:code` answer. */
export class ServiceItemDto {
  @ApiProperty({ example: 'KS1-005', description: '`KS{batch}-{seq}`: annex section and row' }) code: string;
  @ApiProperty({ enum: [1, 2, 3] }) batch: number;
  @ApiProperty({ example: 5 }) seq: number;
  @ApiProperty({ example: '失业登记' }) name: string;
  @ApiProperty() scenario: string;
  @ApiProperty({ type: String, nullable: true, example: '市人社局' }) leadDepartment: string | null;
  @ApiProperty({ type: [String] }) cooperatingDepartments: string[];
  @ApiProperty({ type: String, nullable: true, example: '属于省级权限' }) authorityNote: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) deadlineText: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) deadlineDate: string | null;
  @ApiProperty({ type: [String] }) linkedCodes: string[];
  @ApiProperty({ enum: ['online', 'proxy', 'joint'], isArray: true }) handlingModes: HandlingMode[];
  @ApiProperty({ description: 'true: the paper originals must travel (courier only)' })
  originalsMustTravel: boolean;
  @ApiProperty({ description: 'on the negative list (负面清单): no proxy acceptance' }) negativeList: boolean;
  @ApiProperty({ enum: ['mail', 'online'], isArray: true }) resultDeliveryMethods: DeliveryMethod[];
  @ApiProperty({
    enum: ['government', 'applicant'],
    description:
      "who pays the postage of the item's parcels (邮寄费用): government (包邮) or applicant (到付)",
  })
  postagePaidBy: PostagePayer;
  @ApiProperty({ type: ItemTimeLimitsDto }) timeLimits: ItemTimeLimitsDto;
  @ApiProperty({ type: [ChecklistMaterialDto] }) checklist: ChecklistMaterialDto[];
  @ApiProperty({ description: 'true: the item has no checklist of its own (the default one)' })
  checklistIsDefault: boolean;
}

/** `item` as the api shows it: its time-limit columns gathered, and named, under `timeLimits`. */
export function serviceItemView(item: ServiceItemEntity): ServiceItemDto {
  const { timeLimitWorkingDays, promisedLimitWorkingDays, clockBudgets, ...rest } = item;
  return {
    ...rest,
    timeLimits: {
      statutoryDecisionWorkingDays: timeLimitWorkingDays,
      promisedDecisionWorkingDays: promisedLimitWorkingDays,
      agreedStageBudgetsWorkingDays: clockBudgets,
    },
  };
}
