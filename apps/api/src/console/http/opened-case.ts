import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isCode } from '../../http/codes';
import { COOKIES, signedCookie } from './console-cookies';

/** Where the applicant's pages live; the case cookie is sent to these only. */
export const TRACK_PATH = '/console/track';

/** The case an applicant's request is about, as its case cookie opened it: the number and the query code. */
export interface OpenedCase {
  caseNumber: string;
  code: string;
}

/**
 * An applicant's page or form post of a case this browser has not opened (no case cookie, or one
 * for another case): ConsolePageFilter sends the browser to the sign-in form (`to`, 303), with the
 * case number filled in when it is well formed.
 */
export class CaseNotOpened extends Error {
  readonly to: string;

  constructor(caseNumber: string) {
    super('open the case with its number and query code at /console/track');
    this.name = 'CaseNotOpened';
    this.to = isCode('caseNumber', caseNumber) ? `${TRACK_PATH}?caseNumber=${caseNumber}` : TRACK_PATH;
  }
}

/**
 * The case of route parameter `:caseNumber` with the query code its signed case cookie
 * (`pa_case`, `<case number>:<code>`) keeps. The code is not checked here: the services check it.
 * @throws CaseNotOpened the cookie is absent, forged, or for another case
 */
export const OpenedCase = createParamDecorator((_: unknown, ctx: ExecutionContext): OpenedCase => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest<{ Params: { caseNumber?: string } }>>();
  const caseNumber = String(request.params.caseNumber ?? '');
  const [opened, code] = (signedCookie(request, COOKIES.applicantCase) ?? '').split(':');
  if (opened !== caseNumber || !code || !isCode('caseNumber', caseNumber))
    throw new CaseNotOpened(caseNumber);
  return { caseNumber, code };
});
