import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountService, StaffTokens, type StaffPrincipal } from '@app/accounts';
import { clearStaffCookie, COOKIES, setStaffCookie } from './console-cookies';

/** A console page asked for without a valid staff session: the filter sends the browser to sign in. */
export class SignInRequired extends Error {
  constructor() {
    super('sign in at /console/sign-in');
    this.name = 'SignInRequired';
  }
}

/** A console request once ConsoleStaffGuard let it through. */
type ConsoleStaffRequest = FastifyRequest & { consoleStaff?: StaffPrincipal };

/**
 * The staff session of the console: the same accounts and tokens as the JSON api (AccountService,
 * StaffTokens), the token kept in the httpOnly cookie `pa_staff` (on the console's path and the queue
 * dashboard's: STAFF_COOKIE_PATHS) instead of an Authorization header. Every page renews it, so the
 * session lapses after JWT_TTL_SECONDS without a page (15 min by default); a deactivation or password
 * change shuts it out at the next page, as for bearer tokens.
 */
@Injectable()
export class StaffSession {
  constructor(
    private readonly accounts: AccountService,
    private readonly tokens: StaffTokens,
  ) {}

  /**
   * Signs `username` in and sets the session cookie.
   * @throws NotAuthenticated (401) wrong username or password, or a deactivated account (one answer)
   * @throws Unavailable (503) too many sign-ins at once
   */
  async signIn(request: FastifyRequest, reply: FastifyReply, username: string, password: string) {
    const { accessToken, account } = await this.accounts.signIn(username, password);
    setStaffCookie(request, reply, accessToken);
    return account;
  }

  /** Ends the session in this browser: the cookie is cleared. */
  signOut(request: FastifyRequest, reply: FastifyReply): void {
    clearStaffCookie(request, reply);
  }

  /**
   * The staff member whose session cookie `request` carries, from the account row as it is now;
   * renews the cookie with a fresh token.
   * @throws SignInRequired no cookie, a token StaffTokens refuses, or an account no longer active
   */
  async principal(request: FastifyRequest, reply: FastifyReply): Promise<StaffPrincipal> {
    const token = request.cookies[COOKIES.staff];
    if (!token) throw new SignInRequired();
    let holder;
    try {
      holder = this.tokens.verify(token);
    } catch {
      throw new SignInRequired();
    }
    const staff = await this.accounts.principalFor(holder);
    if (!staff) throw new SignInRequired();
    setStaffCookie(request, reply, this.tokens.issue(staff, holder.tokenVersion).accessToken);
    return staff;
  }
}

/** Console pages for staff only: a valid session cookie (StaffSession.principal), else to the sign-in page. */
@Injectable()
export class ConsoleStaffGuard implements CanActivate {
  constructor(private readonly session: StaffSession) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const http = ctx.switchToHttp();
    const request = http.getRequest<ConsoleStaffRequest>();
    request.consoleStaff = await this.session.principal(request, http.getResponse<FastifyReply>());
    return true;
  }
}

/** The signed-in staff member of a page behind ConsoleStaffGuard. */
export const ConsoleStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal => {
  const staff = ctx.switchToHttp().getRequest<ConsoleStaffRequest>().consoleStaff;
  if (!staff) throw new Error('ConsoleStaff asked for on a page without ConsoleStaffGuard');
  return staff;
});
