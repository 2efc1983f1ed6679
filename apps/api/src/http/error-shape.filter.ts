import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DomainError, PiiKeyMissingError, type DomainErrorKind } from '@app/common';

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

/**
 * Writes every error as `{ statusCode, error, message, details }`, with `Retry-After` when the
 * details say how long to wait (429, a sign-in 503). Unexpected errors become a 500 without a
 * stack trace or internal message in the response (it goes to the log only).
 */
@Catch()
export class ErrorShapeFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorShapeFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = answerTo(exception, reply, this.logger);
    void reply.status(body.statusCode).send(body);
  }
}

/**
 * The error body for `exception` (a 429 of the throttlers with the longest wait), with
 * `Retry-After` set on `reply` when the details say how long to wait (429, a sign-in 503); a
 * missing PII key and an unexpected error are logged on `logger` (name, message and code only: a
 * database error's parameters and detail can hold personal data). Shared by the console's pages.
 */
export function answerTo(exception: unknown, reply: FastifyReply, logger: Logger): ErrorBody {
  const body = exception instanceof ThrottlerException ? tooManyRequests(reply) : errorBody(exception);
  const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  if (exception instanceof PiiKeyMissingError) logger.error(exception.message);
  if (body.statusCode === 500) {
    const e = exception as { name?: string; message?: string; code?: string };
    logger.error({ err: { name: e?.name, message: e?.message, code: e?.code } }, 'unexpected error');
  }
  return body;
}

/**
 * 429 in the one shape, with the standard `Retry-After`: the longest wait of the throttlers that
 * refused (@nestjs/throttler writes one `Retry-After-<name>` header per throttler).
 */
function tooManyRequests(reply: FastifyReply): ErrorBody {
  const waits = Object.entries(reply.getHeaders())
    .filter(([name]) => name.toLowerCase().startsWith('retry-after-'))
    .map(([, seconds]) => Number(seconds))
    .filter((seconds) => Number.isFinite(seconds));
  const retryAfterSeconds = Math.max(1, ...waits);
  return {
    statusCode: 429,
    error: STATUS_CODES[429] as string,
    message: `too many requests: try again in ${retryAfterSeconds} s`,
    details: { retryAfterSeconds },
  };
}

/** The HTTP status of each kind of domain error (libs/common/src/domain-errors.ts). */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid_input: 400,
  not_authenticated: 401,
  not_allowed: 403,
  not_found: 404,
  conflict: 409,
  unsupported_content: 415,
  request_mismatch: 422,
  unavailable: 503,
};

/** Statuses of errors about the request body as a whole (malformed, too large, wrong type). */
const BODY_STATUSES = new Set([400, 413, 415]);

/**
 * The error body for any exception. A domain error gets its kind's status (DOMAIN_ERROR_STATUS)
 * and keeps its message and details; the api's own HttpExceptions keep theirs.
 * Nest hands Fastify's body errors (malformed JSON, body too large) over as HttpExceptions with a
 * bare string; those name the body as the field. A value under a key this process lacks is 503
 * (PiiKeyMissingError). Anything else is a 500 that says nothing of its cause.
 */
export function errorBody(exception: unknown): ErrorBody {
  if (exception instanceof PiiKeyMissingError) {
    return {
      statusCode: 503,
      error: STATUS_CODES[503] as string,
      message:
        'this api does not hold the key some personal data is under: restart it with the PII_KEY and ' +
        'PII_PREVIOUS_KEYS the other processes have (docs/AUDIT.md, "Keys")',
      details: { reason: 'pii_key_missing' },
    };
  }
  if (exception instanceof DomainError) {
    const statusCode = DOMAIN_ERROR_STATUS[exception.kind];
    const { message, details } = exception;
    return {
      statusCode,
      error: STATUS_CODES[statusCode] as string,
      message,
      ...(details !== undefined ? { details } : {}),
    };
  }
  if (!(exception instanceof HttpException)) {
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
  }
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const error = STATUS_CODES[statusCode] ?? HttpStatus[statusCode] ?? 'Error';
  if (typeof response === 'string') {
    const details = BODY_STATUSES.has(statusCode) ? [{ field: 'body', message: response }] : undefined;
    return { statusCode, error, message: response, ...(details ? { details } : {}) };
  }
  const fields = response as Record<string, unknown>;
  const message = Array.isArray(fields.message)
    ? fields.message.join('; ')
    : typeof fields.message === 'string'
      ? fields.message
      : exception.message;
  return { statusCode, error, message, ...(fields.details !== undefined ? { details: fields.details } : {}) };
}
