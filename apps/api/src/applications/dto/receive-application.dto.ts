import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIdentityCard,
  IsDefined,
  IsIn,
  IsObject,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PlainText } from '../../http/plain-text.validator';
import type { ApplicantIn, ReceiveApplicationCommand } from '@app/cases';
import { MaterialDto } from './material.dto';

/** The applicant as recorded at the window. */
export class ApplicantDto implements ApplicantIn {
  @ApiProperty({ example: '林晓岚' })
  @PlainText(50)
  name: string;

  @ApiProperty({ enum: ['resident_id'], description: '居民身份证' })
  @IsIn(['resident_id'])
  idType: 'resident_id';

  /** GB 11643: 17 digits and a check digit (ISO 7064 MOD 11-2); validator.js checks it. */
  @ApiProperty({ example: '330902199001011238', description: '18 characters, GB 11643 check digit' })
  @Matches(/^\d{17}[\dX]$/, {
    message: 'idNumber must be 18 characters: 17 digits and a check digit 0-9 or X',
  })
  @IsIdentityCard('zh-CN', { message: 'idNumber fails the GB 11643 check (date or check digit)' })
  idNumber: string;

  @ApiProperty({ example: '13800000000', description: 'mainland mobile number, 11 digits' })
  @Matches(/^1[3-9]\d{9}$/, { message: 'phone must be an 11-digit mainland mobile number' })
  phone: string;
}

/** 收件: what the clerk logs for a new application. */
export class ReceiveApplicationDto implements ReceiveApplicationCommand {
  @ApiProperty({ example: 'KS1-001', description: 'catalogue item code' })
  @Matches(/^KS[123]-\d{3}$/, { message: 'itemCode must look like KS1-001' })
  itemCode: string;

  @ApiProperty({ example: 'W330902' })
  @Matches(/^W\d{6}$/, { message: 'windowCode must look like W330902' })
  windowCode: string;

  @ApiProperty({ example: 'J310115-SFJ' })
  @Matches(/^J\d{6}-[A-Z]{2,8}$/, { message: 'jurisdictionCode must look like J310115-SFJ' })
  jurisdictionCode: string;

  @ApiProperty({ type: ApplicantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiProperty({ type: [MaterialDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials: MaterialDto[];
}
