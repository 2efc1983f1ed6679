import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PlainText } from '../../http/plain-text.validator';
import { MATERIAL_FORMS, type MaterialForm, type MaterialIn } from '@app/workflow';
import { OnlyFor } from '../../http/only-for.validator';

/** A material handed in at the window, named as in the item's checklist. */
export class MaterialDto implements MaterialIn {
  @ApiProperty({ example: '居民身份证' })
  @PlainText(100)
  name: string;

  @ApiProperty({
    enum: MATERIAL_FORMS,
    description:
      '原件 original, 核证副本 certifiedCopy (certified by its issuer or a notary), 复印件 copy, electronic',
  })
  @IsIn(MATERIAL_FORMS)
  form: MaterialForm;

  /** 原件核验: only the fact; who (the clerk) and when (server time) are recorded by the server. */
  @ApiPropertyOptional({
    description:
      'a copy only: the clerk checked it against the original shown (原件核验); who and when are recorded by the server',
  })
  @OnlyFor<MaterialDto>((m) => m.form === 'copy', 'checkedAgainstOriginal belongs to a copy only')
  @IsOptional()
  @IsBoolean()
  checkedAgainstOriginal?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  pages?: number;
}

/**
 * A list of 1 to 100 materials handed in, each a MaterialDto (receipt, resubmission, supplement),
 * each named once (one entry per material, with the form it is in).
 */
export const MaterialList = () =>
  applyDecorators(
    ApiProperty({ type: [MaterialDto] }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(100),
    ArrayUnique((m: MaterialDto | null) => m?.name, { message: '$property must name each material once' }),
    ValidateNested({ each: true }),
    Type(() => MaterialDto),
  );
