import {
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AccountService, StaffTokens, type StaffPrincipal } from '@app/accounts';

const PUBLIC = 'staff-auth:public';

/** Marks a controller or route as open without a token: health, catalogue, tracking, signing in. */
export const Public = () => SetMetadata(PUBLIC, true);

/** The request once the guard has let it through: who is signed in. */
export type StaffRequest = FastifyRequest & { staff?: StaffPrincipal };

/**
 * Every route needs `Authorization: Bearer <token>` from POST /auth/token unless marked
 * `@Public()`. Installed as the app's global guard, so a new controller is closed by default. The
 * account must still be active: deactivation takes effect on the next request.
 * @throws UnauthorizedException (401, field Authorization) no token, one StaffTokens refuses, or
 *   the account has been deactivated since it was issued
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
    const staff = this.tokens.verify(token);
    if (!(await this.accounts.isActive(staff.username))) {
      const message = 'the account is deactivated';
      throw new UnauthorizedException({ message, details: [{ field: 'Authorization', message }] });
    }
    request.staff = staff;
    return true;
  }
}
