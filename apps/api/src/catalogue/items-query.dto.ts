import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, ValidateBy } from 'class-validator';
import type { ItemQuery } from '@app/catalogue';
import { isPlainText } from '../http/plain-text.validator';

/** The annex sections (批次) of the catalogue, as `batch` names them. */
const BATCHES = [1, 2, 3];

/**
 * A search term: 1 to 50 characters (counted as characters) of plain text; empty counts as absent
 * (no filter). One message whichever rule fails; a parameter given twice is `must be a string`.
 */
const SearchText = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value)),
    IsOptional(),
    IsString(),
    ValidateBy(
      {
        name: 'searchText',
        validator: {
          validate: (value: unknown) =>
            typeof value === 'string' && Array.from(value).length <= 50 && isPlainText(value),
        },
      },
      { message: 'must be 1-50 characters of plain text' },
    ),
  );

/** `GET /items?q=&batch=&department=`, `batch` as a number; nothing else is taken. */
export class ItemsQueryDto implements ItemQuery {
  @ApiPropertyOptional({ description: 'text in the name or scenario' })
  @SearchText()
  q?: string;

  @ApiPropertyOptional({ enum: BATCHES, description: 'annex section' })
  @Transform(({ value }: { value: unknown }) =>
    BATCHES.map(String).includes(value as string) ? Number(value) : value,
  )
  @IsOptional()
  @IsIn(BATCHES, { message: 'batch must be 1, 2 or 3' })
  batch?: number;

  @ApiPropertyOptional({ example: '市公安局' })
  @SearchText()
  department?: string;
}
