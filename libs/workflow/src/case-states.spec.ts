import { initialTransition, transition } from 'xstate';
import { caseMachine } from './case.machine';
import { toDottedState } from './case-snapshot';
import { CASE_STATES, isCaseState, stateHasTag, statesTagged, type CaseState } from './case-states';
import { CASE_TAGS, type CaseTag } from './case-tags';

/**
 * What each tag means, as DESIGN's event table gives it:
 * - the window (clerk) acts on received, returnedForCorrection, formChecked, identityVerified,
 *   transferException (REDISPATCH) and supplementRequested (SUPPLEMENT_RECEIVED): the papers are there;
 * - FORWARD / REDISPATCH by scan lead to forwarded.inTransit, where only the transfer job answers;
 *   by courier to forwarded.inParcel, then (the carrier delivered) forwarded.awaitingCheckIn, both
 *   checked in by an officer (CHECK_IN);
 * - the officer acts on forwarded.awaitingAcceptance (ACCEPT, REFUSE, REQUEST_SUPPLEMENT),
 *   accepted.processing (APPROVE, DENY), accepted.concluded and refused (DISPATCH_RESULT);
 * - a job sends the next event in forwarded.inTransit and resultDispatched (RESULT_DELIVERED); in
 *   forwarded.inParcel the parcel's tracking job follows the parcel, not the case, and the case waits
 *   for an officer's check-in; the clock sweep, not a job, deems a case in
 *   forwarded.awaitingAcceptance accepted;
 * - SUSPEND_CLOCK suspends review (accepted.suspended) until RESUME_CLOCK (art. 45);
 * - FAIL_FORM_CHECK and REQUEST_SUPPLEMENT send a one-time notice the applicant answers;
 * - evaluation is recorded once after resultDelivered; resultDelivered and withdrawn are final.
 */
const EXPECTED: Record<CaseTag, CaseState[]> = {
  atWindow: [
    'received',
    'returnedForCorrection',
    'formChecked',
    'identityVerified',
    'transferException',
    'supplementRequested',
  ],
  inTransit: ['forwarded.inTransit', 'forwarded.inParcel'],
  inParcel: ['forwarded.inParcel', 'forwarded.awaitingCheckIn'],
  inInbox: [
    'forwarded.awaitingCheckIn',
    'forwarded.awaitingAcceptance',
    'accepted.processing',
    'accepted.suspended',
    'accepted.concluded',
    'refused',
    'resultReturned',
  ],
  acceptancePending: ['forwarded.awaitingAcceptance'],
  transferFailed: ['transferException'],
  waitingForApplicant: ['returnedForCorrection', 'supplementRequested', 'accepted.supplementRequested'],
  supplementOpen: ['supplementRequested', 'accepted.supplementRequested'],
  waitingOnJob: ['forwarded.inTransit', 'resultDispatched'],
  clockSuspended: ['accepted.suspended'],
  evaluationOpen: ['resultDelivered'],
  final: ['resultDelivered', 'withdrawn'],
};

describe('case state tags', () => {
  it.each(Object.keys(CASE_TAGS) as CaseTag[])(
    '%s is carried by the states the event table implies',
    (tag) => {
      expect([...statesTagged(tag)].sort()).toEqual([...EXPECTED[tag]].sort());
    },
  );

  it('answers stateHasTag as statesTagged does, and false for a state the machine lacks', () => {
    for (const tag of Object.keys(CASE_TAGS) as CaseTag[]) {
      for (const state of CASE_STATES) {
        expect(stateHasTag(state, tag)).toBe(statesTagged(tag).includes(state));
      }
      expect(stateHasTag('forwarded', tag)).toBe(false);
      expect(stateHasTag('renamedLongAgo', tag)).toBe(false);
    }
  });

  it('agrees with the snapshot: a case that reaches a state carries its tags', () => {
    const [received] = initialTransition(caseMachine, {
      requiredMaterials: [],
      materialsHandedIn: [],
      originalsMustTravel: false,
      resultDeliveryMethods: ['mail'],
    });
    const [formChecked] = transition(caseMachine, received, { type: 'PASS_FORM_CHECK' });
    const [verified] = transition(caseMachine, formChecked, {
      type: 'VERIFY_IDENTITY',
      method: 'm',
      passed: true,
    });
    const [inTransit] = transition(caseMachine, verified, {
      type: 'FORWARD',
      channel: 'scan',
      scanDigests: ['a'.repeat(64)],
    });
    const [inParcel] = transition(caseMachine, verified, { type: 'FORWARD', channel: 'courier' });
    const [awaitingCheckIn] = transition(caseMachine, inParcel, {
      type: 'TRANSFER_DELIVERED',
      transferId: 't1',
    });
    const [awaitingAcceptance] = transition(caseMachine, awaitingCheckIn, {
      type: 'CHECK_IN',
      parcelId: 'p1',
      transferId: 't1',
      originals: [],
    });
    for (const [state, snapshot] of [
      ['received', received],
      ['formChecked', formChecked],
      ['identityVerified', verified],
      ['forwarded.inTransit', inTransit],
      ['forwarded.inParcel', inParcel],
      ['forwarded.awaitingCheckIn', awaitingCheckIn],
      ['forwarded.awaitingAcceptance', awaitingAcceptance],
    ] as const) {
      expect(toDottedState(snapshot.value)).toBe(state);
      for (const tag of Object.keys(CASE_TAGS) as CaseTag[]) {
        expect(snapshot.hasTag(tag)).toBe(stateHasTag(state, tag));
      }
    }
  });

  it('tags as waiting on a job exactly the states a transition starting a job enters, but a parcel', () => {
    interface Node {
      path: string[];
      states: Record<string, Node>;
      initial?: { target: Node[] };
      transitions: Map<string, { target?: Node[]; actions: unknown[] }[]>;
    }
    const entered = (n: Node): Node => (n.initial?.target[0] ? entered(n.initial.target[0]) : n);
    const all = (n: Node): Node[] => [n, ...Object.values(n.states).flatMap(all)];
    const withEffect = new Set<string>();
    for (const node of all(caseMachine.root as unknown as Node)) {
      for (const definitions of node.transitions.values()) {
        for (const d of definitions) {
          const names = d.actions.map((a) => (typeof a === 'string' ? a : (a as { type?: string }).type));
          if (d.target?.[0] && names.some((a) => a === 'startTransfer' || a === 'startResultDelivery')) {
            withEffect.add(entered(d.target[0]).path.join('.'));
          }
        }
      }
    }
    // A courier transfer travels in a parcel: its one tracking job belongs to the parcel (several
    // cases share it), and the case waits on an officer's check-in, not on a job of its own.
    const parcelStates = statesTagged('inParcel');
    expect(withEffect).toContain('forwarded.inParcel');
    expect([...statesTagged('waitingOnJob')].sort()).toEqual(
      [...withEffect].filter((s) => !parcelStates.includes(s as CaseState)).sort(),
    );
  });

  it('tags as final exactly the machine final states', () => {
    const finals = CASE_STATES.filter((s) => caseMachine.getStateNodeById(`case.${s}`).type === 'final');
    expect(statesTagged('final')).toEqual(finals);
  });

  it('knows its own states only', () => {
    expect(CASE_STATES.every(isCaseState)).toBe(true);
    expect(isCaseState('forwarded')).toBe(false);
    // @ts-expect-error a parent state is not a state a case can be in
    const parent: CaseState = 'forwarded';
    expect(parent).toBe('forwarded');
  });
});
