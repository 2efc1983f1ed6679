import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { BEIJING_TIME_EXAMPLE, withBeijingTimes } from '@app/common';

/**
 * Every answer of the api with its instants in Beijing time (`2026-12-01T14:05:00.000+08:00`):
 * staff views, lists, history, statistics and the applicant's tracking view alike, by the one
 * formatter of `@app/common`. Services keep Dates; only what leaves the api is written.
 */
@Injectable()
export class BeijingTimeInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((answer) => withBeijingTimes(answer)));
  }
}

/** OpenAPI: an instant as the api writes it, Beijing time with its offset. */
export const ApiBeijingTime = (options: Pick<ApiPropertyOptions, 'description' | 'nullable'> = {}) =>
  applyDecorators(
    ApiProperty({
      type: String,
      format: 'date-time',
      example: BEIJING_TIME_EXAMPLE,
      nullable: options.nullable,
      description: ['Beijing time (UTC+8), ISO 8601 with +08:00', options.description]
        .filter(Boolean)
        .join('; '),
    }),
  );
