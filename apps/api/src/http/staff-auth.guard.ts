import {
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AccountService, StaffTokens, tokenRefused, type StaffPrincipal } from '@app/accounts';

const PUBLIC = 'staff-auth:public';

/** Marks a controller or route as open without a token: health, catalogue, tracking, signing in. */
export const Public = () => SetMetadata(PUBLIC, true);

/** The request once the guard has let it through: who is signed in. */
export type StaffRequest = FastifyRequest & { staff?: StaffPrincipal };

/**
 * Every route needs `Authorization: Bearer <token>` from POST /auth/token unless marked
 * `@Public()`. Installed as the app's global guard, so a new controller is closed by default. The
 * role and binding come from the account row as it is now, not from the token's claims; a
 * deactivation or password change shuts out earlier tokens at the next request.
 * @throws UnauthorizedException (401, field Authorization) no token, or the account was deactivated
 *   or its password changed since the token was issued; NotAuthenticated (401) a token StaffTokens refuses
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: StaffTokens,
    private readonly accounts: AccountService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const request = ctx.switchToHttp().getRequest<StaffRequest>();
    const [scheme, token, ...rest] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
      const message = 'sign in at POST /api/v1/auth/token and send Authorization: Bearer <token>';
      throw new UnauthorizedException({ message, details: [{ field: 'Authorization', message: 'missing' }] });
    }
    const staff = await this.accounts.principalFor(this.tokens.verify(token));
    if (!staff) {
      throw tokenRefused(
        'no active account accepts this token (deactivated, password changed or unknown): sign in again',
      );
    }
    request.staff = staff;
    return true;
  }
}
