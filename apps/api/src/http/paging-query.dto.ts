import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Largest page a list answers with. */
export const MAX_PAGE_SIZE = 200;
/** Highest page number a list takes. */
const MAX_PAGE = 100_000;

/**
 * A query parameter that is a whole number from `min` to `max`; one message whichever rule fails
 * (validationDetails says a repeated message once).
 */
const WholeNumber = (field: string, min: number, max: number): PropertyDecorator => {
  const message = `${field} must be a whole number from ${min} to ${max}`;
  return (target, key) => {
    for (const rule of [
      Type(() => Number),
      IsInt({ message }),
      Min(min, { message }),
      Max(max, { message }),
    ]) {
      rule(target, key);
    }
  };
};

/**
 * `page` and `pageSize` of a list's query (defaults 1 and 50). Query DTOs extend it; the global
 * ValidationPipe refuses any other parameter (400 naming it), as it does for bodies.
 */
export class PagingQueryDto {
  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @WholeNumber('page', 1, MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @WholeNumber('pageSize', 1, MAX_PAGE_SIZE)
  pageSize: number = 50;
}
