import { CASE_STATES, stateHasTag } from './case-states';
import { PARTIES } from './parties';
import { partyOf } from './state-parties';

describe('the party each state charges its time to', () => {
  it('charges every state but the final ones to one party, and the final ones to nobody', () => {
    for (const state of CASE_STATES) {
      const party = partyOf(state);
      if (stateHasTag(state, 'final')) expect({ state, party }).toEqual({ state, party: null });
      else expect(PARTIES).toContain(party);
    }
  });

  it('charges the result on its way to the courier by mail and to the home jurisdiction online', () => {
    expect([partyOf('resultDispatched', 'mail'), partyOf('resultDispatched', 'online')]).toEqual([
      'courier',
      'homeJurisdiction',
    ]);
    expect(partyOf('resultDispatched')).toBe('courier');
  });

  it('charges an open one-time notice to the applicant and papers on their way to the courier', () => {
    expect(
      [
        'returnedForCorrection',
        'supplementRequested',
        'accepted.supplementRequested',
        'forwarded.inTransit',
      ].map((s) => partyOf(s)),
    ).toEqual(['applicant', 'applicant', 'applicant', 'courier']);
  });

  it('knows no party for a state the machine does not have', () => {
    expect(partyOf('accepted.onHold')).toBeUndefined();
  });
});
