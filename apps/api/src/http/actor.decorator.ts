import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StaffPrincipal } from '@app/accounts';
import { staffActor, type Actor } from '@app/cases';
import type { StaffRequest } from './staff-auth.guard';

/** The staff member StaffAuthGuard let through. */
function signedIn(ctx: ExecutionContext): StaffPrincipal {
  const staff = ctx.switchToHttp().getRequest<StaffRequest>().staff;
  // The guard sets it on every route that is not @Public(); a public route asking for it is a bug.
  if (!staff) throw new Error('the signed-in staff member was asked for on a public route');
  return staff;
}

/** The signed-in staff member, as StaffAuthGuard verified them. */
export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext) => signedIn(ctx));

/**
 * The signed-in staff member as an actor on cases (`staffActor`: their username, and their
 * account's binding as the scope).
 * @throws NotAllowed (403) an admin: admins manage accounts and see no case
 */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor =>
  CurrentActorOf(ctx),
);

/** What CurrentActor gives, for other parameter decorators (e.g. the case a path names). */
export const CurrentActorOf = (ctx: ExecutionContext): Actor => staffActor(signedIn(ctx));
