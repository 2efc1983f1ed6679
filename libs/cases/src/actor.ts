import type { ActorRole } from '@app/workflow';

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

/** Who is acting: a role, an id written into the audit trail, and the cases within reach. */
export interface Actor {
  role: ActorRole;
  id: string;
  scope: CaseScope;
}

/** The system actor of a queue job (transfer, delivery, deadline) of `queue`. */
export const systemActor = (queue: string): Actor => ({
  role: 'system',
  id: `${queue}-job`,
  scope: { kind: 'all' },
});
