import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { invalidField } from '@app/cases';
import { canonicalJson } from '@app/db';
import { declareHeader } from './declare-header';

/** The `Idempotency-Key` header of a request and the hash of what it was sent with. */
export interface IdempotencyKeyIn {
  key: string;
  /** SHA-256 (hex) of the canonical method, URL and body. */
  requestHash: string;
}

const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Reads `Idempotency-Key` (optional): undefined when absent; the route's OpenAPI operation
 * declares the header (no @ApiHeader beside it).
 * @throws InvalidInput (400, field Idempotency-Key) malformed key
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): IdempotencyKeyIn | undefined => {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const key = req.headers['idempotency-key'];
    if (key === undefined) return undefined;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw invalidField(
        'Idempotency-Key',
        'must be 1-128 letters, digits, dots, colons, underscores or dashes',
      );
    }
    const requestHash = createHash('sha256')
      .update(canonicalJson({ method: req.method, url: req.url, body: req.body ?? null }))
      .digest('hex');
    return { key, requestHash };
  },
  [
    declareHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'a retry with the same key gets the first answer',
    }),
  ],
);

/** The key as a command carries it, scoped to the caller so two callers' keys never meet. */
export const scoped = (scope: string, key?: IdempotencyKeyIn) => (key ? { scope, ...key } : undefined);
