import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { invalidField } from '@app/cases';
import type { Role } from '@app/common';
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

/**
 * The key as a command carries it, scoped to its caller so two callers' keys never meet: the one
 * place the scope is spelled, `<role>:<who>`, a staff member by username (`clerk:clerk-w330902-01`),
 * the applicant by the receipt's case number (`applicant:330902-20261130-000001`). It is stored with
 * each key (`idempotency_keys.scope`): a retry must spell it the same.
 */
export const scoped = (role: Role, who: string, key?: IdempotencyKeyIn) =>
  key ? { scope: `${role}:${who}`, ...key } : undefined;
