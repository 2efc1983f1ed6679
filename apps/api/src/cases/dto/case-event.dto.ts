import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  Matches,
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { PlainText } from '../../http/plain-text.validator';
import { OnlyFor } from '../../http/only-for.validator';
import {
  CASE_EVENT_TYPES,
  CHECK_IN_OUTCOMES,
  CLOCK_SUSPENSION_KINDS,
  type CheckInOutcome,
  type CaseEvent,
  type CaseEventType,
  type ClockSuspensionKind,
} from '@app/workflow';
import { invalidField, type EventToApply } from '@app/cases';
import { validationDetails, validationError } from '../../http/validation-errors';
import { MaterialDto, MaterialList } from './material.dto';

/**
 * Request bodies of `POST /applications/:id/events`, one class per event type of DESIGN's table.
 * Unknown fields are refused; `parseCaseEvent` picks the class by `type`.
 */
abstract class EventDto {
  @ApiProperty({ enum: CASE_EVENT_TYPES })
  @IsIn(CASE_EVENT_TYPES)
  type: CaseEventType;
}

class NoPayloadEventDto extends EventDto {}

export class FailFormCheckDto extends EventDto {
  @ApiProperty({ type: [String], description: 'every missing or defective material, at once (一次性告知)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'missing must name each material once' })
  @PlainText(100, { each: true })
  missing: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @PlainText(500)
  note?: string;
}

export class MaterialsEventDto extends EventDto {
  @MaterialList()
  materials: MaterialDto[];
}

export class VerifyIdentityDto extends EventDto {
  @ApiProperty({ example: 'id-card-reader+face', description: 'how the identity was checked' })
  @PlainText(50)
  method: string;

  @ApiProperty()
  @IsBoolean()
  passed: boolean;
}

const WAYBILL = /^[A-Z0-9]{8,30}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export class TransferOrderDto extends EventDto {
  @ApiProperty({ enum: ['courier', 'scan'] })
  @IsIn(['courier', 'scan'])
  channel: 'courier' | 'scan';

  @ApiPropertyOptional({ example: 'SF1234567890', description: 'courier only, and required there' })
  @ValidateIf((o: TransferOrderDto) => o.channel === 'courier' || o.waybillNumber !== undefined)
  @IsDefined({ message: 'waybillNumber is required for courier' })
  @OnlyFor((o: TransferOrderDto) => o.channel !== 'scan', 'waybillNumber is for courier only')
  @Matches(WAYBILL, { message: 'waybillNumber must be 8-30 capital letters or digits' })
  waybillNumber?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'scan only: SHA-256 hex of each uploaded scan to send (as the upload answered); omitted: every scan uploaded for the case',
  })
  @IsOptional()
  @OnlyFor((o: TransferOrderDto) => o.channel !== 'courier', 'scanDigests is for scan only')
  @IsArray()
  @ArrayMinSize(1, {
    message: 'scanDigests must list at least one scan; leave it out to send every uploaded scan',
  })
  @ArrayMaxSize(1000)
  @ArrayUnique({ message: 'scanDigests must name each scan once' })
  @Matches(SHA256, { each: true, message: 'scanDigests must be lowercase SHA-256 hex digests' })
  scanDigests?: string[];
}

export class RequestSupplementDto extends EventDto {
  @ApiProperty({ type: [String], description: 'everything to supplement, at once (一次性告知补正)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'items must name each material once' })
  @PlainText(100, { each: true })
  items: string[];

  @ApiProperty()
  @PlainText(1000)
  note: string;

  @ApiPropertyOptional({
    description:
      'required for a request after the first (一次性告知): why the materials handed in with the last ' +
      'supplement fall short; such a request may name only those materials',
  })
  @IsOptional()
  @PlainText(1000)
  reason?: string;
}

export class ReasonedDecisionDto extends EventDto {
  @ApiProperty({ example: '申请事项依法不属于本机关职权范围' })
  @PlainText(1000)
  reason: string;

  @ApiProperty({ example: '《中华人民共和国行政许可法》第三十二条' })
  @PlainText(500)
  legalBasis: string;
}

export class ResultDocumentDto {
  @ApiProperty({ example: '公证书' })
  @PlainText(100)
  documentType: string;

  @ApiProperty({ example: '(2026)沪浦证字第1024号' })
  @PlainText(100)
  documentNumber: string;

  @ApiPropertyOptional({ description: 'e-licence (电子证照) id, where one is issued' })
  @IsOptional()
  @PlainText(100)
  eLicenceId?: string;
}

export class ApproveDto extends EventDto {
  @ApiProperty({ type: ResultDocumentDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ResultDocumentDto)
  result: ResultDocumentDto;
}

export class DispatchResultDto extends EventDto {
  @ApiProperty({ enum: ['mail', 'online'] })
  @IsIn(['mail', 'online'])
  method: 'mail' | 'online';

  @ApiPropertyOptional({ description: 'mail only, and required there' })
  @ValidateIf((o: DispatchResultDto) => o.method === 'mail' || o.waybillNumber !== undefined)
  @IsDefined({ message: 'waybillNumber is required for mail' })
  @OnlyFor((o: DispatchResultDto) => o.method !== 'online', 'waybillNumber is for mail only')
  @Matches(WAYBILL, { message: 'waybillNumber must be 8-30 capital letters or digits' })
  waybillNumber?: string;
}

export class WithdrawDto extends EventDto {
  @ApiProperty({ example: '申请人主动撤回' })
  @PlainText(500)
  reason: string;
}

/** EXTEND_TIME_LIMIT: the decision period once longer by 10 working days (行政许可法 art. 42), for a reason. */
export class ExtendTimeLimitDto extends EventDto {
  @ApiProperty({ example: '需现场核查，经负责人批准延长十个工作日' })
  @PlainText(500)
  reason: string;
}

/** SUSPEND_CLOCK: what the decision waits for (art. 45) and why; the applicant is told in writing. */
export class SuspendClockDto extends EventDto {
  @ApiProperty({ enum: CLOCK_SUSPENSION_KINDS })
  @IsIn(CLOCK_SUSPENSION_KINDS)
  kind: ClockSuspensionKind;

  @ApiProperty({ example: '申请人申请听证' })
  @PlainText(500)
  reason: string;
}

/** RESUME_CLOCK: what the hearing, inspection, testing or review concluded, optionally. */
export class ResumeClockDto extends EventDto {
  @ApiPropertyOptional({ example: '检测报告已出具' })
  @IsOptional()
  @PlainText(500)
  note?: string;
}

/** DEEM_ACCEPTED names the acceptance clock that ran out; it never comes over HTTP (403 by role), but validates alike. */
export class DeemAcceptedDto extends EventDto {
  @PlainText(100)
  clockId: string;
}

/** System events carry the transfer id; they never come over HTTP (403 by role), but validate alike. */
export class TransferOutcomeDto extends EventDto {
  @PlainText(100)
  transferId: string;

  @IsOptional()
  @PlainText(500)
  reason?: string;
}

/** One original as checked in against the manifest (签收). */
export class OriginalCheckedInDto {
  @ApiProperty({ example: '学历证书' })
  @PlainText(100)
  name: string;

  @ApiProperty({ enum: CHECK_IN_OUTCOMES })
  @IsIn(CHECK_IN_OUTCOMES)
  outcome: CheckInOutcome;

  @ApiPropertyOptional({ example: '右下角水渍，字迹可辨' })
  @IsOptional()
  @PlainText(500)
  note?: string;
}

/**
 * CHECK_IN (签收) of a case's line of a parcel. It is recorded parcel by parcel, through
 * `POST /parcels/{parcelId}/check-in`; over this endpoint it is refused (see parseCaseEvent).
 */
export class CheckInEventDto extends EventDto {
  @PlainText(100)
  parcelId: string;

  @PlainText(100)
  transferId: string;

  @ApiProperty({ type: [OriginalCheckedInDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OriginalCheckedInDto)
  originals: OriginalCheckedInDto[];
}

/** Events recorded through another endpoint than this one, and the endpoint. */
const RECORDED_ELSEWHERE: Partial<Record<CaseEventType, string>> = {
  CHECK_IN: 'POST /api/v1/parcels/{parcelId}/check-in (a parcel is checked in against its manifest)',
};

const DTO_BY_TYPE: Record<CaseEventType, new () => EventDto> = {
  PASS_FORM_CHECK: NoPayloadEventDto,
  FAIL_FORM_CHECK: FailFormCheckDto,
  RESUBMIT: MaterialsEventDto,
  VERIFY_IDENTITY: VerifyIdentityDto,
  FORWARD: TransferOrderDto,
  TRANSFER_DELIVERED: TransferOutcomeDto,
  CHECK_IN: CheckInEventDto,
  TRANSFER_FAILED: TransferOutcomeDto,
  REDISPATCH: TransferOrderDto,
  ACCEPT: NoPayloadEventDto,
  DEEM_ACCEPTED: DeemAcceptedDto,
  REQUEST_SUPPLEMENT: RequestSupplementDto,
  SUPPLEMENT_RECEIVED: MaterialsEventDto,
  REFUSE: ReasonedDecisionDto,
  APPROVE: ApproveDto,
  DENY: ReasonedDecisionDto,
  EXTEND_TIME_LIMIT: ExtendTimeLimitDto,
  SUSPEND_CLOCK: SuspendClockDto,
  RESUME_CLOCK: ResumeClockDto,
  DISPATCH_RESULT: DispatchResultDto,
  RESULT_DELIVERED: TransferOutcomeDto,
  WITHDRAW: WithdrawDto,
};

/** The DTO classes, for the OpenAPI document. */
export const EVENT_DTOS = [...new Set(Object.values(DTO_BY_TYPE))];

/**
 * The OpenAPI schema of an event body: one of the DTOs, chosen by `type` (a discriminator
 * mapping each of DESIGN's event types to the payload it takes).
 */
export function eventBodySchema(refOf: (dto: new () => EventDto) => string) {
  return {
    oneOf: EVENT_DTOS.map((dto) => ({ $ref: refOf(dto) })),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(CASE_EVENT_TYPES.map((type) => [type, refOf(DTO_BY_TYPE[type])])),
    },
  };
}

/**
 * A request body as a case event for `CaseService.apply`: `type` must be one of DESIGN's events
 * (checked now); the rest must be its payload, nothing more (checked by `read`, which apply calls
 * only once the sender may send the type, so a system event is refused as such whatever its body).
 * @throws InvalidInput (400, field `type`) not one of the event types; from `read`: naming each
 *   wrong field
 */
export function parseCaseEvent(body: unknown): EventToApply {
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(CASE_EVENT_TYPES as string[]).includes(type)) {
    throw invalidField('type', `must be one of ${CASE_EVENT_TYPES.join(', ')}`);
  }
  const elsewhere = RECORDED_ELSEWHERE[type as CaseEventType];
  return {
    type: type as CaseEventType,
    read: () => {
      if (elsewhere) throw invalidField('type', `${type} is recorded through ${elsewhere}`);
      const dto = plainToInstance(DTO_BY_TYPE[type as CaseEventType], body);
      const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length > 0) throw validationError(validationDetails(errors));
      return { ...dto } as unknown as CaseEvent;
    },
  };
}
