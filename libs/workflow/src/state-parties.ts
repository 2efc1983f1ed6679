import { isCaseState, type CaseState } from './case-states';
import type { ResultDeliveryMethod } from './case.events';
import type { Party } from './parties';

/**
 * What a state charges its time to: a party; for `resultDispatched`, a party per delivery method
 * (the DISPATCH_RESULT that entered it says which); null for a final state, which ends the count.
 */
export type StateCharge = Party | Readonly<Record<ResultDeliveryMethod, Party>> | null;

/**
 * The party each state charges its time to (issue 12 item 4, delay attribution): who holds the case
 * while it is in the state. Keyed by CaseState: a state the machine adds fails to compile here until
 * it is given a party.
 * - at the window (received … identityVerified, transferException): the window;
 * - papers on their way (`forwarded.inTransit`, `forwarded.inParcel`): the courier;
 * - a parcel delivered and not yet checked in (`forwarded.awaitingCheckIn`): the home jurisdiction,
 *   whose officer must check it in;
 * - at the home jurisdiction (awaiting acceptance, processing, concluded, refused): the home jurisdiction;
 *   also while review is suspended for a hearing, inspection, testing or expert review (art. 45): the
 *   law keeps that time out of the decision clock, but the home jurisdiction holds the case and runs
 *   the procedure;
 * - a one-time notice open (correction, supplement at acceptance or during review): the applicant
 *   (行政许可法 art. 32: the period runs from receipt of the complete materials, so time waiting on the
 *   applicant is theirs);
 * - `resultDispatched`: by mail the courier carries it; online (网络送达) the home jurisdiction's own
 *   system delivers it, so the time stays the home jurisdiction's;
 * - final states: nothing (the count ends).
 */
export const STATE_PARTIES: Readonly<Record<CaseState, StateCharge>> = {
  received: 'window',
  returnedForCorrection: 'applicant',
  formChecked: 'window',
  identityVerified: 'window',
  'forwarded.inTransit': 'courier',
  'forwarded.inParcel': 'courier',
  'forwarded.awaitingCheckIn': 'homeJurisdiction',
  'forwarded.awaitingAcceptance': 'homeJurisdiction',
  transferException: 'window',
  supplementRequested: 'applicant',
  'accepted.processing': 'homeJurisdiction',
  'accepted.supplementRequested': 'applicant',
  'accepted.suspended': 'homeJurisdiction',
  'accepted.concluded': 'homeJurisdiction',
  refused: 'homeJurisdiction',
  resultDispatched: { mail: 'courier', online: 'homeJurisdiction' },
  resultReturned: 'homeJurisdiction',
  resultDelivered: null,
  withdrawn: null,
};

/**
 * The party a case in `state` (a stored dotted value) charges its time to; `resultDelivery` is the
 * method of the DISPATCH_RESULT that entered `resultDispatched` (mail when not known: a paper result
 * is the common case). Null for a final state; undefined for a value the machine does not have (a
 * case left in a removed state, handled by hand).
 */
export function partyOf(state: string, resultDelivery?: ResultDeliveryMethod): Party | null | undefined {
  if (!isCaseState(state)) return undefined;
  const charge = STATE_PARTIES[state];
  return charge === null || typeof charge === 'string' ? charge : charge[resultDelivery ?? 'mail'];
}
