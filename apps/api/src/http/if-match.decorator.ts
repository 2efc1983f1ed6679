import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { invalidField } from '@app/cases';
import { declareHeader } from './declare-header';

/**
 * The case version the caller saw, from `If-Match: 3` or `If-Match: "3"`; undefined when absent.
 * The route's OpenAPI operation declares the optional header (no @ApiHeader beside it).
 * @throws InvalidInput (400, field If-Match) not a version number
 */
export const IfMatch = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): number | undefined => {
    const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
    if (value === undefined) return undefined;
    const match = typeof value === 'string' ? /^(?:"(\d{1,9})"|(\d{1,9}))$/.exec(value.trim()) : null;
    if (!match) throw invalidField('If-Match', 'must be the case version, e.g. "3"');
    return Number(match[1] ?? match[2]);
  },
  [declareHeader({ name: 'If-Match', required: false, description: 'the case version the caller saw' })],
);
