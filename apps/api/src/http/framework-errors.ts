import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorBody } from './error-shape.filter';

/** Fastify's default `maxParamLength`: the longest path parameter, characters. */
export const MAX_PARAM_LENGTH = 100;

/** `{ statusCode, error, message, details }` naming `field`: the one error shape (ErrorShapeFilter). */
function shaped(statusCode: number, field: string, message: string): ErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] as string,
    message,
    details: [{ field, message }],
  };
}

/**
 * Fastify's `frameworkErrors`: errors found while routing, before Nest sees the request, answered
 * in the one error shape instead of Fastify's (which adds `code` and echoes the path, query code
 * included). A malformed URL (bad percent-encoding) is 400, a path parameter over
 * MAX_PARAM_LENGTH characters is 414 URI Too Long (RFC 9110 §15.5.15); anything else Fastify
 * reports here (an async route constraint failing) is a 500 that says nothing of its cause.
 */
export function frameworkErrors(error: { code?: string }, _req: FastifyRequest, reply: FastifyReply): void {
  const body =
    error.code === 'FST_ERR_BAD_URL'
      ? shaped(400, 'url', 'the URL is not valid: percent-encode it as UTF-8')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? shaped(414, 'url', `a path parameter is too long (at most ${MAX_PARAM_LENGTH} characters)`)
        : { statusCode: 500, error: STATUS_CODES[500] as string, message: 'internal error' };
  void reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request (no
 * route, no hooks, no Nest), written straight to the socket in the one error shape, then the
 * connection is closed: headers over Node's `maxHeaderSize` (16 KiB) are 431 (RFC 6585 §5), a
 * request line or URL the parser cannot read (unencoded UTF-8, spaces, control characters) is 400,
 * a request that took too long to arrive is 408. A connection already reset gets nothing.
 */
export const clientErrorHandler: FastifyServerOptions['clientErrorHandler'] = (
  error: Error & { code?: string },
  socket: Socket,
) => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? shaped(431, 'headers', 'the request headers are too large (at most 16 KiB)')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? shaped(408, 'request', 'the request did not arrive in time')
        : error.code === 'HPE_INVALID_URL'
          ? shaped(400, 'url', 'the URL is not valid: percent-encode it as UTF-8')
          : shaped(400, 'request', 'the request is not valid HTTP/1.1');
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${body.error}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
};
