import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PlainText } from '../../http/plain-text.validator';
import type { MaterialIn } from '@app/workflow';

/** A material handed in at the window, named as in the item's checklist. */
export class MaterialDto implements MaterialIn {
  @ApiProperty({ example: '居民身份证' })
  @PlainText(100)
  name: string;

  @ApiProperty({ enum: ['original', 'copy', 'electronic'] })
  @IsIn(['original', 'copy', 'electronic'])
  form: 'original' | 'copy' | 'electronic';

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
