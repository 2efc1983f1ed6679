import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac } from 'node:crypto';
import type { AppConfig } from '@app/common';

/**
 * The console's cookies. Every one is httpOnly (no script reads it) and SameSite=Strict: no
 * request from another site carries it, not even a link followed from elsewhere (that lands on the
 * sign-in page, which is acceptable for a console reached by typing or a bookmark), so a forged
 * form cannot ride on a session; the CSRF token guards every form post besides. `Secure` is set
 * when the request came over HTTPS (as Fastify reads it, honouring TRUST_PROXY), so the cookies
 * still work on a plain-HTTP counter network inside a government LAN and on localhost.
 */
export const COOKIES = {
  /** The staff session: a bearer token of StaffTokens (JWT_TTL_SECONDS), renewed on every page. */
  staff: 'pa_staff',
  /** The applicant's opened case: `<case number>:<query code>`, signed. */
  applicantCase: 'pa_case',
  /** The CSRF secret (@fastify/csrf), signed. */
  csrf: 'pa_csrf',
  /** The chosen text size: `standard`, `large` or `larger`. */
  textSize: 'pa_text',
} as const;

/** The key that signs the console's cookies: derived from JWT_SECRET, so there is no new secret to keep. */
export function consoleCookieSecret(config: AppConfig): string {
  return createHmac('sha256', config.JWT_SECRET).update('console cookies').digest('base64');
}

/** Options of a console cookie sent in answer to `request`, for `path` (default the whole console). */
export function cookieOptions(request: FastifyRequest, path = '/console'): CookieSerializeOptions {
  return { path, httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' };
}

/**
 * The paths the staff session cookie is sent to: the console, and the queue dashboard at
 * `/admin/queues` (bull-board, outside the console, admins only: queue-board.ts), which checks
 * the same session. Nowhere else: the JSON api reads bearer tokens, never this cookie.
 */
export const STAFF_COOKIE_PATHS = ['/console', '/admin/queues'] as const;

/** Sets the staff session cookie to `token` on every path of STAFF_COOKIE_PATHS. */
export function setStaffCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  for (const path of STAFF_COOKIE_PATHS)
    void reply.setCookie(COOKIES.staff, token, cookieOptions(request, path));
}

/** Clears the staff session cookie on every path of STAFF_COOKIE_PATHS. */
export function clearStaffCookie(request: FastifyRequest, reply: FastifyReply): void {
  for (const path of STAFF_COOKIE_PATHS) void reply.clearCookie(COOKIES.staff, cookieOptions(request, path));
}

/** The value of the signed cookie `name` of `request`, or null when absent or its signature is wrong. */
export function signedCookie(request: FastifyRequest, name: string): string | null {
  const raw = request.cookies[name];
  if (!raw) return null;
  const { valid, value } = request.unsignCookie(raw);
  return valid ? value : null;
}
