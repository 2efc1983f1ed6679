import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsISO31661Alpha3,
  IsObject,
  IsOptional,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { divisionMismatch } from '@app/common';
import type {
  AgentIn,
  ApplicantIn,
  ApplicantKind,
  MailingAddressIn,
  PersonIdentity,
  ReceiveCaseCommand,
} from '@app/cases';
import { IsCode } from '../../http/codes';
import { IsIdNumberOfType } from '../../http/id-number.validator';
import { ORGANISATION_ID_TYPE, PERSON_ID_TYPES } from '../../http/id-numbers';
import { IsKnownItemCode } from '../../http/known-item.validator';
import { OnlyFor } from '../../http/only-for.validator';
import { PlainText } from '../../http/plain-text.validator';
import { MaterialDto, MaterialList } from './material.dto';

/** A mainland mobile number, 11 digits. */
const IsMobilePhone = () =>
  applyDecorators(
    ApiProperty({ example: '13800000000', description: 'mainland mobile number, 11 digits' }),
    Matches(/^1[3-9]\d{9}$/, { message: '$property must be an 11-digit mainland mobile number' }),
  );

/** A passport's issuing nationality: required with a passport, refused with any other document. */
const PassportNationality = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: 'GBR',
      description: 'ISO 3166-1 alpha-3; with a passport only, and then required',
    }),
    OnlyFor<PersonIdentity>((b) => b.idType === 'passport', 'nationality belongs to a passport only'),
    ValidateIf((b: PersonIdentity) => b.idType === 'passport'),
    IsDefined({ message: 'nationality is required with a passport' }),
    IsISO31661Alpha3({ message: '$property must be an ISO 3166-1 alpha-3 country code' }),
  );

/** The number of the document `idType` names, as its standard writes it (IsIdNumberOfType). */
const IdNumber = () =>
  applyDecorators(
    ApiProperty({
      example: '330902199003072157',
      description:
        'as the document type writes it: GB 11643 (resident ID, residence permits 810000/820000/830000), the 外国人永久居留身份证 (15 or 18 characters), ICAO 9303 (passport), GB 32100 (unified social credit code)',
    }),
    IsIdNumberOfType(),
  );

/** A natural person (自然人) as an identity document names them. */
export class PersonDto implements PersonIdentity {
  @ApiProperty({ example: '林晓岚' })
  @PlainText(50)
  name: string;

  @ApiProperty({
    enum: PERSON_ID_TYPES,
    description: '居民身份证, 港澳居民居住证, 台湾居民居住证, 外国人永久居留身份证, 护照',
  })
  @IsIn(PERSON_ID_TYPES)
  idType: string;

  @IdNumber()
  idNumber: string;

  @PassportNationality()
  nationality?: string;
}

/** The agent (代理人): a natural person with their own phone; their power of attorney (授权委托书) becomes a required material. */
export class AgentDto extends PersonDto implements AgentIn {
  @IsMobilePhone()
  phone: string;
}

const KINDS: ApplicantKind[] = ['natural_person', 'legal_person'];

/** The applicant as recorded at the window: a natural person, or a legal person (法人和其他组织) with its representative. */
export class ApplicantDto implements ApplicantIn {
  @ApiPropertyOptional({ enum: KINDS, default: 'natural_person' })
  @IsOptional()
  @IsIn(KINDS)
  kind?: ApplicantKind;

  @ApiProperty({ example: '林晓岚', description: "a person's name, or the legal person's registered name" })
  @PlainText(100)
  name: string;

  @ApiProperty({
    enum: [...PERSON_ID_TYPES, ORGANISATION_ID_TYPE],
    description: 'a natural person: an identity document type; a legal person: unified_social_credit_code',
  })
  @IsIn([...PERSON_ID_TYPES, ORGANISATION_ID_TYPE])
  @ValidateBy({
    name: 'idTypeOfKind',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        ((args?.object as ApplicantDto).kind === 'legal_person') === (value === ORGANISATION_ID_TYPE),
      defaultMessage: () =>
        `idType must be ${ORGANISATION_ID_TYPE} for a legal person, and an identity document type for a natural person`,
    },
  })
  idType: string;

  @IdNumber()
  idNumber: string;

  @PassportNationality()
  nationality?: string;

  @IsMobilePhone()
  phone: string;

  @ApiPropertyOptional({
    type: PersonDto,
    description: "a legal person's legal representative (法定代表人/负责人); required for one",
  })
  @OnlyFor<ApplicantDto>(
    (b) => b.kind === 'legal_person',
    'legalRepresentative belongs to a legal person only',
  )
  @ValidateIf((b: ApplicantDto) => b.kind === 'legal_person')
  @IsDefined({ message: 'legalRepresentative is required for a legal person' })
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  legalRepresentative?: PersonDto;
}

/** A division code of a mailing address that must lie in the one above it (divisionMismatch). */
const DivisionOfAddress = () =>
  ValidateBy({
    name: 'divisionOfAddress',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        divisionMismatch(args?.object as MailingAddressDto)?.field !== args?.property,
      defaultMessage: (args?: ValidationArguments) =>
        divisionMismatch(args?.object as MailingAddressDto)?.message ?? 'does not fit',
    },
  });

/** 邮寄地址: where a result sent by mail goes, divisions as GB/T 2260 codes picked province → city → district. */
export class MailingAddressDto implements MailingAddressIn {
  @ApiProperty({ example: '330000' })
  @Matches(/^\d{6}$/, { message: '$property must be a 6-digit division code (GB/T 2260)' })
  @DivisionOfAddress()
  provinceCode: string;

  @ApiProperty({ example: '330900', description: 'for a municipality (直辖市) the province code again' })
  @Matches(/^\d{6}$/, { message: '$property must be a 6-digit division code (GB/T 2260)' })
  @DivisionOfAddress()
  cityCode: string;

  @ApiPropertyOptional({
    example: '330902',
    description: 'absent only for a city without districts (东莞市)',
  })
  @ValidateIf(
    (b: MailingAddressDto) => b.districtCode !== undefined || divisionMismatch(b)?.field === 'districtCode',
  )
  @IsDefined({ message: 'districtCode is required for a city with districts' })
  @Matches(/^\d{6}$/, { message: '$property must be a 6-digit division code (GB/T 2260)' })
  @DivisionOfAddress()
  districtCode?: string;

  @ApiProperty({ example: '环城南路 1 号 2 幢 301 室' })
  @PlainText(200)
  street: string;

  @ApiProperty({ example: '林晓岚' })
  @PlainText(50)
  recipient: string;

  @IsMobilePhone()
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

  @ApiPropertyOptional({
    type: AgentDto,
    description: '代理人; the power of attorney (授权委托书) is then a required material',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AgentDto)
  agent?: AgentDto;

  @ApiPropertyOptional({ type: MailingAddressDto, description: '邮寄地址 for a result sent by mail' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MailingAddressDto)
  mailingAddress?: MailingAddressDto;

  @MaterialList()
  materials: MaterialDto[];
}
