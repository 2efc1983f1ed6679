import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, Matches, ValidateNested } from 'class-validator';
import { OriginalCheckedInDto } from '../cases/dto/case-event.dto';
import { PlainText } from '../http/plain-text.validator';

/** A courier's waybill number (运单号) as the api takes it: 8-30 capital letters or digits. */
export const WAYBILL = /^[A-Z0-9]{8,30}$/;

/** `POST /parcels`: a parcel opened at the clerk's window, for one home jurisdiction. */
export class OpenParcelDto {
  @ApiProperty({
    enum: ['materials', 'archive'],
    description: 'papers to the home jurisdiction, or kept originals to its archive (归档)',
  })
  @IsIn(['materials', 'archive'])
  leg: 'materials' | 'archive';

  @ApiProperty({ example: '310115-SFJ' })
  @PlainText(50)
  jurisdictionCode: string;
}

/** `POST /parcels/:id/cases`: a case packed, by its id or the number on its receipt (scanned). */
export class PackCaseDto {
  @ApiProperty({ description: 'case id (UUID) or case number', example: '330902-20261201-000042' })
  @PlainText(60)
  caseId: string;
}

/** `POST /parcels/:id/seal`: the courier's waybill (运单号), scanned from the label. */
export class SealParcelDto {
  @ApiProperty({ example: 'SF1234567890' })
  @Matches(WAYBILL, { message: 'waybillNumber must be 8-30 capital letters or digits' })
  waybillNumber: string;
}

/** One case of a check-in: every original of its manifest line, as found. */
export class CheckInCaseDto {
  @ApiProperty({ format: 'uuid' })
  @PlainText(60)
  caseId: string;

  @ApiProperty({ type: [OriginalCheckedInDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OriginalCheckedInDto)
  originals: OriginalCheckedInDto[];
}

/** `POST /parcels/:id/check-in` (签收): every case of the manifest, each original as found. */
export class CheckInParcelDto {
  @ApiProperty({ type: [CheckInCaseDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CheckInCaseDto)
  cases: CheckInCaseDto[];
}

/** A parcel's line as answered. */
class ParcelLineDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() itemCode: string;
  @ApiProperty({ description: "the case's state now (after a check-in: where it went)" }) state: string;
  @ApiProperty({ enum: ['packed', 'removed', 'sealed', 'received', 'discrepancy', 'returned', 'failed'] })
  status: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) transferId: string | null;
  @ApiProperty({ description: 'originals: name, pages, form; once checked in, outcome and note' })
  originals: object[];
}

/** A parcel as answered: its row, lines and carrier legs (times in Beijing time). */
export class ParcelViewDto {
  @ApiProperty({
    description:
      'number, leg, from, to, status, waybill, carrier, postage, manifest SHA-256, seal, due, delivery, check-in',
  })
  parcel: object;
  @ApiProperty({ type: [ParcelLineDto] }) lines: ParcelLineDto[];
  @ApiProperty({
    description: 'the carrier legs: collected, inTransit, outForDelivery, delivered (with who signed), lost',
  })
  legs: object[];
}
