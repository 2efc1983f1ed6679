import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { COOKIES, cookieOptions, signedCookie } from './console-cookies';

/** The form field every console form carries its CSRF token in. */
export const CSRF_FIELD = '_csrf';

/** A console form post without a valid CSRF token: refused (403), nothing done. */
export class CsrfRefused extends ForbiddenException {
  constructor() {
    super('the form has no valid CSRF token: open the page again and resend it');
  }
}

/**
 * CSRF protection of the console's forms with @fastify/csrf (the token library of
 * @fastify/csrf-protection): a random secret per browser in a signed, httpOnly, SameSite=Strict
 * cookie (`pa_csrf`), and in every form a token made from it (a salt and an HMAC of the secret).
 * A post must bring a token that verifies against its own cookie's secret: another site can neither
 * read the token from our pages nor set our signed cookie. Checked in a Nest guard (CsrfGuard) rather
 * than the plugin's hook so that a refusal is a Chinese page written by ConsolePageFilter.
 */
@Injectable()
export class ConsoleCsrf {
  // No options: the simple tokens (not bound to a user), sha256, 18-byte secrets.
  private readonly tokens = new Tokens({});

  /** A token for a form on the page answering `request`; sets the secret cookie first when there is none. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    let secret = signedCookie(request, COOKIES.csrf);
    if (!secret) {
      secret = this.tokens.secretSync();
      void reply.setCookie(COOKIES.csrf, secret, { ...cookieOptions(request), signed: true });
    }
    return this.tokens.create(secret);
  }

  /**
   * Checks the CSRF token of the form post `request`: in the form's `_csrf` field, or, for a
   * multipart form (a scan upload, whose body the handler reads as a stream after the guards), in
   * the form's action URL (`?_csrf=`), where the page that rendered the form put it.
   * @throws CsrfRefused no secret cookie, no token, or a token not made from the cookie's secret
   */
  check(request: FastifyRequest): void {
    const secret = signedCookie(request, COOKIES.csrf);
    const token = request.isMultipart()
      ? (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD]
      : (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (!secret || typeof token !== 'string' || !this.tokens.verify(secret, token)) throw new CsrfRefused();
  }
}

/** Every console request other than GET and HEAD must carry a valid CSRF token (ConsoleCsrf.check). */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: ConsoleCsrf) {}

  canActivate(ctx: ExecutionContext): boolean {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'GET' && request.method !== 'HEAD') this.csrf.check(request);
    return true;
  }
}
