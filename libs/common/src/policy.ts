import { EVENT_SENDERS, type ActorRole, type CaseEventType } from '@app/workflow';
import { Conflict, NotAllowed } from './domain-errors';

/**
 * Who may do what: the one policy (DESIGN, "One policy table"). An action is either sending a
 * case event (its type: `FORWARD`, `WITHDRAW`, ...; who may send each is `EVENT_SENDERS` in
 * libs/workflow, kept there as data so `allowedEvents` can offer each role only its own) or one of
 * the acts below. Each refusal is a `NotAllowed` (403) with reason `role` and the message and
 * details the api has always answered.
 *
 * Where each action is checked (once on each path; docs/ARCHITECTURE.md, "Who may do what"):
 * `readCases` when a staff member becomes an actor (`staffActor`), events in `CaseService.apply`,
 * the other acts first thing in their service; `track` and `evaluate` on the applicant the receipt
 * opened (`applicantActor`). `readApplicantPii` refuses nothing: a view asks `may` and masks.
 */

/** Every party that acts: a staff role (`admin` keeps accounts only), the applicant, the system's jobs. */
export type Role = ActorRole | 'admin';

/** A refusal of an action to a role: the 403 the caller reads. */
type Refusal = (role: Role) => NotAllowed;

/** The refusal of `what` (an event type, or the pseudo-event RECEIVE or SCAN) to a role. */
const mayNotSend =
  (what: string): Refusal =>
  (role) =>
    new NotAllowed('role', `${role} may not send ${what}`, { role, type: what });

/** The acts besides events: the roles that may, and the refusal everyone else gets. */
const ACTS = {
  /** Read a case, its history and the check of its audit chain; lists and the inbox (in scope). */
  readCases: {
    roles: ['clerk', 'officer', 'supervisor', 'system'],
    refusal: () =>
      new NotAllowed('role', 'admins manage accounts; cases are for clerks, officers and supervisors'),
  },
  /**
   * See the applicant's name, ID and phone numbers in full: the clerk who checks their identity and
   * the officer who decides. Everyone else, a supervisor overseeing the work or the holder of a
   * receipt, sees them masked (`3309**********215X`, `138****0001`); no request is refused for it.
   */
  readApplicantPii: {
    roles: ['clerk', 'officer'],
    refusal: (role: Role) =>
      new NotAllowed(
        'role',
        "the applicant's personal data is for the clerk who checks identity and the officer who decides",
        { role },
      ),
  },
  /** 收件: receive a case at one's own window. */
  receive: { roles: ['clerk'], refusal: mayNotSend('RECEIVE') },
  /** 扫描: upload a scanned material of a case the window still holds. */
  uploadScan: { roles: ['clerk'], refusal: mayNotSend('SCAN') },
  /**
   * 材料交接: open a parcel at one's window, pack cases into it, take them out before sealing, seal
   * it under a waybill (materials to a home jurisdiction, or kept originals to its archive).
   */
  packParcels: {
    roles: ['clerk'],
    refusal: (role: Role) =>
      new NotAllowed('role', "only the window's clerks pack and seal parcels", { role }),
  },
  /** 签收: check a parcel addressed to one's jurisdiction in against its manifest, original by original. */
  checkInParcels: {
    roles: ['officer'],
    refusal: (role: Role) =>
      new NotAllowed('role', "only the home jurisdiction's officers check parcels in", { role }),
  },
  /** See the parcels one's window sends or one's jurisdiction receives, their manifests and tracking. */
  readParcels: {
    roles: ['clerk', 'officer'],
    refusal: (role: Role) =>
      new NotAllowed('role', "parcels are for the sending window's clerks and the receiving officers", {
        role,
      }),
  },
  /** 进度查询: read the applicant's view of a case, with its receipt. */
  track: {
    roles: ['applicant'],
    refusal: (role: Role) =>
      new NotAllowed('role', 'only the applicant, with the receipt, tracks a case', { role }),
  },
  /** 好差评: evaluate the service once the result is delivered, with the receipt. */
  evaluate: {
    roles: ['applicant'],
    refusal: (role: Role) =>
      new NotAllowed('role', 'only the applicant, with the receipt, evaluates the service', { role }),
  },
  /**
   * 整改: report a 差评 on the receiving window's service put right (stops its rectification clock):
   * a clerk of the case's window (the scope says which window).
   */
  rectifyWindow: {
    roles: ['clerk'],
    refusal: (role: Role) =>
      new NotAllowed('role', "only the window's clerks put right a 差评 of the window's service", {
        role,
        side: 'window',
      }),
  },
  /**
   * 整改: report a 差评 on the home jurisdiction's service put right (stops its rectification clock):
   * an officer of the case's home jurisdiction.
   */
  rectifyJurisdiction: {
    roles: ['officer'],
    refusal: (role: Role) =>
      new NotAllowed(
        'role',
        "only the home jurisdiction's officers put right a 差评 of the home jurisdiction's service",
        { role, side: 'jurisdiction' },
      ),
  },
  /** 督查: the statistics of the cases in one's division. */
  readStatistics: {
    roles: ['supervisor'],
    refusal: (role: Role) =>
      new NotAllowed(
        'role',
        'statistics are for supervisors (督查); clerks and officers see their cases in their worklists',
        { role },
      ),
  },
  /** Create, list, deactivate staff accounts and reset their passwords. */
  keepAccounts: {
    roles: ['admin'],
    refusal: () => new NotAllowed('role', 'only an admin manages accounts'),
  },
  /**
   * 认领 / 释放: claim a case of one's jurisdiction (at most one holder; a claimed case's actions are
   * the holder's: `assertHolderActs`), release one's own claim.
   */
  claimCases: {
    roles: ['officer'],
    refusal: (role: Role) =>
      new NotAllowed('role', "only the home jurisdiction's officers claim and release cases", { role }),
  },
  /**
   * 改派: hand the cases an absent officer holds to a colleague of the same jurisdiction: a
   * supervisor of the division the jurisdiction lies in, or the jurisdiction's lead officer
   * (科室负责人; an officer who is not a lead is refused by `assertMayReassign`).
   */
  reassignClaims: {
    roles: ['supervisor', 'officer'],
    refusal: (role: Role) =>
      new NotAllowed(
        'role',
        "only a supervisor or the jurisdiction's lead officer (科室负责人) reassigns cases",
        {
          role,
        },
      ),
  },
  /** Enter a year's official arrangement of holidays and adjusted working days (the State Council's notice). */
  keepCalendar: {
    roles: ['admin'],
    refusal: (role: Role) =>
      new NotAllowed('role', "only an admin enters a year's official holiday arrangement", { role }),
  },
  /** Watch the job queues (the bull-board dashboard at /admin/queues): what runs, waits and failed. */
  watchQueues: {
    roles: ['admin'],
    refusal: (role: Role) => new NotAllowed('role', 'only an admin watches the job queues', { role }),
  },
} as const satisfies Record<string, { roles: readonly Role[]; refusal: Refusal }>;

/** An act besides sending an event. */
export type Act = keyof typeof ACTS;

/** Anything the policy answers for: sending an event of a type, or an act. */
export type Action = CaseEventType | Act;

/** The roles that may do `action` (for an event, at most the roles that send events). */
export type MayDo<A extends Action> = A extends Act ? (typeof ACTS)[A]['roles'][number] : ActorRole;

/** The one table: each action (every event type, then every act) and the roles that may do it. */
export const WHO_MAY: Readonly<Record<Action, readonly Role[]>> = {
  ...EVENT_SENDERS,
  ...(Object.fromEntries(
    Object.entries(ACTS).map(([act, { roles }]): [string, readonly Role[]] => [act, roles]),
  ) as Record<Act, readonly Role[]>),
};

/** A party that acts: an actor on cases or a signed-in staff member (only the role is read). */
export interface Party {
  role: Role;
}

const roleOf = (who: Role | Party): Role => (typeof who === 'string' ? who : who.role);

/** True when `who` (a role, or a party by its role) may do `action`. */
export function may(who: Role | Party, action: Action): boolean {
  return WHO_MAY[action].includes(roleOf(who));
}

/**
 * The refusal of `action` to `who`, as the api answers it: for an event `<role> may not send
 * <TYPE>` with details `{ role, type }`; for an act, its own sentence (see the table).
 */
export function refusal(who: Role | Party, action: Action): NotAllowed {
  const role = roleOf(who);
  return action in ACTS ? ACTS[action as Act].refusal(role) : mayNotSend(action)(role);
}

/**
 * Refuses `action` unless `party` may do it; afterwards the compiler knows the party's role is one
 * that may (so an actor's scope narrows with it: a clerk's is a window).
 * @throws NotAllowed (403, reason `role`) the party's role may not do `action` (see `refusal`)
 */
export function assertMay<P extends Party, A extends Action>(
  party: P,
  action: A,
): asserts party is P & { role: MayDo<A> } {
  if (!may(party, action)) throw refusal(party, action);
}

/** A party as the claim rules read it: its role, its id (a staff member's username) and, for an officer, whether they lead. */
export interface ClaimParty extends Party {
  id: string;
  lead?: boolean;
}

/** Whether `party` may reassign claimed cases (改派): a supervisor, or an officer who leads (科室负责人). */
export function mayReassign(party: Omit<ClaimParty, 'id'>): boolean {
  return may(party, 'reassignClaims') && (party.role !== 'officer' || party.lead === true);
}

/**
 * Refuses a reassignment (改派) unless `party` may (`mayReassign`).
 * @throws NotAllowed (403, reason `role`) any other role, or an officer who does not lead
 */
export function assertMayReassign(party: ClaimParty): void {
  if (!mayReassign(party)) throw refusal(party, 'reassignClaims');
}

/** Who holds a case and since when (the `case_claims` row), as the claim rules read it. */
export interface Holding {
  holder: string;
  claimedAt: Date;
}

/**
 * True when `party` may act on a case held as `holding` (null: nobody holds it): a claimed case's
 * actions are its holder's, so another officer may not act; the window, the applicant and the
 * system's jobs act as before (a claim is the home jurisdiction's own division of its work).
 */
export function mayActOnHeld(party: ClaimParty, holding: Holding | null): boolean {
  return party.role !== 'officer' || holding === null || holding.holder === party.id;
}

/**
 * 409 `claimed_by_other`: the case is held by another officer; names the holder and since when.
 */
export const claimedByOther = (holding: Holding) =>
  new Conflict('claimed_by_other', `the case is held by ${holding.holder}: its actions are theirs`, {
    holder: holding.holder,
    claimedAt: holding.claimedAt,
  });

/**
 * Refuses `party` an action on a case held as `holding` unless they may (`mayActOnHeld`).
 * @throws Conflict (409 claimed_by_other, details.holder and details.claimedAt) another officer holds the case
 */
export function assertHolderActs(party: ClaimParty, holding: Holding | null): void {
  if (!mayActOnHeld(party, holding)) throw claimedByOther(holding as Holding);
}
