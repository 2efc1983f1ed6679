import { statesTaking } from './state-events';

describe('statesTaking', () => {
  it('reads from the machine the states that take an event, an ancestor’s transitions included', () => {
    expect(statesTaking('DISPATCH_RESULT')).toEqual(['accepted.concluded', 'refused', 'resultReturned']);
    expect(statesTaking('ACCEPT')).toEqual(['forwarded.awaitingAcceptance']);
    expect(statesTaking('WITHDRAW')).toContain('accepted.suspended');
    expect(statesTaking('WITHDRAW')).not.toContain('withdrawn');
  });
});
