import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { IsCode } from '../../http/codes';
import { IsKnownItemCode } from '../../http/known-item.validator';
import { PlainText } from '../../http/plain-text.validator';
import { IsResidentIdNumber } from '../../http/resident-id';
import type { ApplicantIn, ReceiveCaseCommand } from '@app/cases';
import { MaterialDto, MaterialList } from './material.dto';

/** The applicant as recorded at the window. */
export class ApplicantDto implements ApplicantIn {
  @ApiProperty({ example: '林晓岚' })
  @PlainText(50)
  name: string;

  @ApiProperty({ enum: ['resident_id'], description: '居民身份证' })
  @IsIn(['resident_id'])
  idType: 'resident_id';

  /** GB 11643; stored in its canonical 18-character form (see IsResidentIdNumber). */
  @ApiProperty({
    example: '330902199003072157',
    description: '18 characters with a GB 11643 check character (a lowercase x is accepted), or 15 digits',
  })
  @IsResidentIdNumber()
  idNumber: string;

  @ApiProperty({ example: '13800000000', description: 'mainland mobile number, 11 digits' })
  @Matches(/^1[3-9]\d{9}$/, { message: 'phone must be an 11-digit mainland mobile number' })
  phone: string;
}

/** 收件: what the clerk logs for a new case. */
export class ReceiveCaseDto implements ReceiveCaseCommand {
  @ApiProperty({ example: 'KS1-001', description: 'catalogue item code' })
  @IsCode('item')
  @IsKnownItemCode()
  itemCode: string;

  @ApiPropertyOptional({
    example: 'W330902',
    description: "the clerk's own window (from the token) when absent; another window answers 403",
  })
  @IsOptional()
  @IsCode('window')
  windowCode?: string;

  @ApiProperty({ example: 'J310115-SFJ' })
  @IsCode('jurisdiction')
  jurisdictionCode: string;

  @ApiProperty({ type: ApplicantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @MaterialList()
  materials: MaterialDto[];
}
