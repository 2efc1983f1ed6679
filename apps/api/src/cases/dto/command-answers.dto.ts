import { ApiProperty } from '@nestjs/swagger';
import type { ApplyResult, Receipt } from '@app/cases';
import { CASE_EVENT_TYPES, CASE_STATES, type CaseEventType } from '@app/workflow';

/** OpenAPI shape of the acknowledgement receipt (受理回执) that POST /applications answers. */
export class ReceiptDto implements Receipt {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '330902-20261130-000001', description: 'printed on the receipt' })
  caseNumber: string;
  @ApiProperty({
    example: '042917',
    description: 'six digits printed on the receipt: the applicant’s key to /track',
  })
  queryCode: string;
  @ApiProperty({ enum: CASE_STATES }) state: string;
  @ApiProperty({ example: 1, description: 'send it back as If-Match to refuse a stale change' })
  version: number;
  @ApiProperty({ enum: CASE_EVENT_TYPES, isArray: true, description: 'events the caller may send next' })
  allowedEvents: CaseEventType[];
}

/** OpenAPI shape of what an event answers: the state after it and what may follow. */
export class ApplyResultDto implements ApplyResult {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '330902-20261130-000001' }) caseNumber: string;
  @ApiProperty({ enum: CASE_STATES }) state: string;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ enum: CASE_EVENT_TYPES, isArray: true }) allowedEvents: CaseEventType[];
  @ApiProperty({ description: 'true when this event id was applied before: nothing was written' })
  duplicate: boolean;
}
