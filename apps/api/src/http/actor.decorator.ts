import { createParamDecorator, ForbiddenException, type ExecutionContext } from '@nestjs/common';
import type { StaffPrincipal } from '@app/accounts';
import type { Actor } from '@app/cases';
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
 * The signed-in staff member as an actor on cases: the username is the audit trail's actor id, and
 * the account's binding is the scope (a clerk's window, an officer's jurisdiction, a supervisor's
 * division).
 * @throws ForbiddenException (403) an admin: admins manage accounts and see no case
 */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor =>
  CurrentActorOf(ctx),
);

/** What CurrentActor gives, for other parameter decorators (e.g. the case a path names). */
export const CurrentActorOf = (ctx: ExecutionContext): Actor => actorOf(signedIn(ctx));

function actorOf(staff: StaffPrincipal): Actor {
  const id = staff.username;
  switch (staff.role) {
    case 'clerk':
      return { role: 'clerk', id, scope: { kind: 'window', windowCode: staff.windowCode } };
    case 'officer':
      return {
        role: 'officer',
        id,
        scope: { kind: 'jurisdiction', jurisdictionCode: staff.jurisdictionCode },
      };
    case 'supervisor':
      return { role: 'supervisor', id, scope: { kind: 'division', divisionCode: staff.divisionCode } };
    case 'admin':
      throw new ForbiddenException({
        message: 'admins manage accounts; cases are for clerks, officers and supervisors',
      });
  }
}
