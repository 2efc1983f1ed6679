import {
  applyDecorators,
  createParamDecorator,
  ForbiddenException,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@app/cases';

/** Staff roles that call the case endpoints. Applicants use /track with their receipt instead. */
const STAFF_ROLES = ['clerk', 'officer', 'supervisor'] as const;

/**
 * The staff member calling, from the `X-Actor-Role` and `X-Actor-Id` headers.
 *
 * Interim: until accounts and tokens exist (issue 5) the caller states its role; `system` can never
 * be claimed over HTTP, so system events (transfer and delivery outcomes) only come from jobs.
 * @throws UnauthorizedException (401) missing or unknown role, missing id
 * @throws ForbiddenException (403) an applicant: they follow and withdraw their case at /track
 */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const headers = ctx.switchToHttp().getRequest<FastifyRequest>().headers;
  const role = headers['x-actor-role'];
  const id = headers['x-actor-id'];
  if (role === 'applicant') {
    throw new ForbiddenException({
      message: 'applicants follow and withdraw their case at /api/v1/track/{caseNumber}?code= (the receipt)',
      details: { role },
    });
  }
  if (typeof role !== 'string' || !(STAFF_ROLES as readonly string[]).includes(role)) {
    throw new UnauthorizedException({
      message: `X-Actor-Role must be one of ${STAFF_ROLES.join(', ')}`,
      details: [{ field: 'X-Actor-Role', message: 'missing or unknown role' }],
    });
  }
  if (typeof id !== 'string' || !/^[\w.-]{1,64}$/.test(id)) {
    throw new UnauthorizedException({
      message: 'X-Actor-Id must be 1-64 letters, digits, dots or dashes',
      details: [{ field: 'X-Actor-Id', message: 'missing or malformed' }],
    });
  }
  return { role: role as Actor['role'], id };
});

/** Documents the two actor headers in OpenAPI. */
export const ActorHeaders = () =>
  applyDecorators(
    ApiHeader({ name: 'X-Actor-Role', enum: [...STAFF_ROLES], required: true }),
    ApiHeader({ name: 'X-Actor-Id', required: true }),
  );
