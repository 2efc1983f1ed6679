import type { CalendarDay } from '@app/calendar';
import type { Party } from '@app/workflow';
import type { Actor } from './actor';

/**
 * Worklists by what is due (issue 12 item 6): the home jurisdiction's inbox (`GET /inbox`) and the
 * case list (`GET /applications`, a clerk's window worklist) show on each row the case's next due
 * moment, sort by it, and filter by the state of its clock.
 */

/** Which list is read: the home jurisdiction's inbox, or the case list of `GET /applications`. */
export type Worklist = 'inbox' | 'cases';

/**
 * A due clock's state as a worklist shows it, at the moment of reading:
 * - `overdue`: its overdue mark is raised (the sweep) or its due moment has passed;
 * - `warned`: its warning (80 % of its working days used) is raised, and it is not overdue;
 * - `running`: neither.
 */
export type DueState = 'running' | 'warned' | 'overdue';

/** The clock states a worklist can be filtered by (`clockState`). */
export const DUE_STATE_FILTERS = ['warned', 'overdue'] as const satisfies readonly DueState[];
export type DueStateFilter = (typeof DUE_STATE_FILTERS)[number];

/**
 * The orders of a worklist (`sort`):
 * - `due` (the default): soonest due moment first, cases with nothing due last, ties by case number;
 * - `waiting`: the longest in its current state first (then by id), the order before issue 12.
 */
export const WORKLIST_SORTS = ['due', 'waiting'] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

/**
 * What is due next on a case for the party whose list it is: of the case's running clocks charged to
 * that party, the one with the earliest due moment (a paused clock has none and is not shown).
 */
export interface DueMoment {
  /** The clock's stage (a ClockStage of libs/workflow: forward, acceptance, decision, …). */
  stage: string;
  /** Who the clock's time is charged to (a Party). */
  party: string;
  /** The due moment: the end of `dueDate`, Beijing time (an instant, shown in Beijing time). */
  dueAt: Date;
  /** The due working day, a Beijing calendar day `YYYY-MM-DD`. */
  dueDate: CalendarDay;
  /** Computed on a provisional calendar year: the date may move when the State Council's notice is entered. */
  provisional: boolean;
  state: DueState;
}

/**
 * The parties whose clocks give a list's due moments: the inbox is the home jurisdiction's
 * (acceptance, decision, result dispatch, its rectifications); the case list is the reader's own: a
 * clerk's window (forward, mail originals, its rectifications), an officer's home jurisdiction, and
 * for a supervisor both, since their division holds windows and jurisdictions. The applicant's
 * supplement clock and the courier are nobody's worklist.
 */
export function dueParties(list: Worklist, actor: Actor): readonly Party[] {
  if (list === 'inbox') return ['homeJurisdiction'];
  switch (actor.role) {
    case 'clerk':
      return ['window'];
    case 'officer':
      return ['homeJurisdiction'];
    default:
      return ['window', 'homeJurisdiction'];
  }
}
