import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** What a body that is not JSON (nor a scan's multipart) is told. */
export const SEND_JSON = 'send the body as JSON (Content-Type: application/json)';

/**
 * The 415 a body that is not JSON gets from the JSON api (a form post, plain text…), naming the
 * content type it came with; the console's form parser answers the same outside `/console/`.
 */
export function bodyIsNotJson(request: FastifyRequest): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException({
    message: SEND_JSON,
    details: [
      { field: 'body', message: `${request.headers['content-type'] ?? 'no content type'} is not JSON` },
    ],
  });
}
