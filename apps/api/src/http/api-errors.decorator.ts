import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The one error body, as OpenAPI shows it (see ErrorBody in error-shape.filter.ts). */
export class ErrorBodyDto {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({ example: 'Conflict' }) error: string;
  @ApiProperty({ example: 'PASS_FORM_CHECK refused: required materials missing: 学历证书 (original)' })
  message: string;
  @ApiPropertyOptional({
    description:
      '400/401: [{ field, message }] per wrong field; 409: { reason, state, allowedEvents, rule? } or ' +
      '{ reason: "stale_version", expectedVersion, version, state }; 403: { role, type }',
  })
  details?: unknown;
}

const MEANING: Record<number, string> = {
  400: 'invalid input: details names each field',
  401: 'no bearer token, or one that is expired or not valid: sign in at POST /auth/token',
  403: 'the role may not do this',
  404: 'no such case or item (also a case outside your window, jurisdiction or division, and a wrong query code)',
  429: 'too many requests: wait a minute',
  409: 'refused now: details.allowedEvents says what the case takes, or the case changed (stale_version)',
  413: 'body larger than 256 KB',
  422: 'Idempotency-Key reused with a different request',
};

/** Documents the error answers an endpoint gives, all with ErrorBodyDto. */
export const ApiErrors = (...statuses: (keyof typeof MEANING)[]) =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: MEANING[status], type: ErrorBodyDto })),
  );
