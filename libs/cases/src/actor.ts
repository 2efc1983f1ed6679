import { assertMay } from '@app/common';
import type { StaffPrincipal } from '@app/accounts';

/**
 * Which cases an actor may read and act on (DESIGN invariant 7):
 * - `window`: a clerk, the cases received at their window;
 * - `jurisdiction`: an officer, the cases whose home jurisdiction is theirs, once they have arrived
 *   there (a forward transfer delivered);
 * - `division`: a supervisor, the cases received at a window inside the division, and the cases
 *   owned by a jurisdiction inside it once they have arrived (GB/T 2260: 330000 covers 33xxxx,
 *   330900 covers 3309xx, 330902 only itself);
 * - `case`: an applicant, the one case their receipt opened;
 * - `all`: the system's own queue jobs.
 */
export type CaseScope =
  | { kind: 'window'; windowCode: string }
  | { kind: 'jurisdiction'; jurisdictionCode: string }
  | { kind: 'division'; divisionCode: string }
  | { kind: 'case'; caseId: string }
  | { kind: 'all' };

type ScopeOf<K extends CaseScope['kind']> = Extract<CaseScope, { kind: K }>;

/**
 * Who is acting: a role, an id written into the audit trail, and the cases within reach (each role
 * has its one kind of scope). Made only by the factories below.
 */
export type Actor =
  | { role: 'clerk'; id: string; scope: ScopeOf<'window'> }
  | { role: 'officer'; id: string; scope: ScopeOf<'jurisdiction'>; lead: boolean }
  | { role: 'supervisor'; id: string; scope: ScopeOf<'division'> }
  | { role: 'applicant'; id: string; scope: ScopeOf<'case'> }
  | { role: 'system'; id: string; scope: ScopeOf<'all'> };

/**
 * A signed-in staff member as an actor on cases: the username is the audit trail's actor id, and
 * the account's binding is the scope (a clerk's window, an officer's jurisdiction, a supervisor's
 * division); an officer carries whether they lead their jurisdiction (科室负责人, policy
 * `reassignClaims`).
 * @throws NotAllowed (403) an admin: admins keep accounts and read no case (policy `readCases`)
 */
export function staffActor(staff: StaffPrincipal): Actor {
  assertMay(staff, 'readCases');
  const id = staff.username;
  switch (staff.role) {
    case 'clerk':
      return { role: 'clerk', id, scope: { kind: 'window', windowCode: staff.windowCode } };
    case 'officer':
      return {
        role: 'officer',
        id,
        scope: { kind: 'jurisdiction', jurisdictionCode: staff.jurisdictionCode },
        lead: staff.lead,
      };
    case 'supervisor':
      return { role: 'supervisor', id, scope: { kind: 'division', divisionCode: staff.divisionCode } };
  }
}

/**
 * The system running `job`: the job of a queue, named by the queue (`courier`, `scan`,
 * `result-delivery`, the clock sweep), or a CLI command that only reads (`verify-history`). The audit
 * trail shows its events as sent by `<job>-job`; its scope is every case.
 */
export const systemActor = (job: string): Actor => ({
  role: 'system',
  id: `${job}-job`,
  scope: { kind: 'all' },
});

/**
 * The applicant of case `case` (id and case number), as the receipt's holder: the tracking routes
 * make them once the receipt's query code opened the case; the audit trail shows
 * `applicant:<case number>`, and their scope is that one case.
 */
export const applicantActor = (c: { id: string; caseNumber: string }): Actor => ({
  role: 'applicant',
  id: `applicant:${c.caseNumber}`,
  scope: { kind: 'case', caseId: c.id },
});
