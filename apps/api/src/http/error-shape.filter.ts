import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

/**
 * Writes every error as `{ statusCode, error, message, details }`. Unexpected errors become a 500
 * without a stack trace or internal message in the response (it goes to the log only).
 */
@Catch()
export class ErrorShapeFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorShapeFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception);
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    const statusFromFastify = (exception as { statusCode?: number })?.statusCode;
    if (!(exception instanceof HttpException)) {
      // Fastify's own errors (body too large, bad JSON) carry a 4xx statusCode.
      if (statusFromFastify && statusFromFastify >= 400 && statusFromFastify < 500) {
        return {
          statusCode: statusFromFastify,
          error: STATUS_CODES[statusFromFastify] ?? 'Error',
          message: (exception as Error).message,
        };
      }
      return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
    }
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const fields =
      typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const message = Array.isArray(fields.message)
      ? fields.message.join('; ')
      : typeof fields.message === 'string'
        ? fields.message
        : exception.message;
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? HttpStatus[statusCode] ?? 'Error',
      message,
      ...(fields.details !== undefined ? { details: fields.details } : {}),
    };
  }
}
