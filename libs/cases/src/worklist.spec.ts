import { staffActor } from './actor';
import { dueParties } from './worklist';

describe('dueParties: whose clocks a worklist shows as due', () => {
  const clerk = staffActor({ role: 'clerk', username: 'clerk-w330902', windowCode: 'W330902' } as never);
  const officer = staffActor({ role: 'officer', username: 'o', jurisdictionCode: 'J310115-SFJ' } as never);
  const supervisor = staffActor({ role: 'supervisor', username: 's', divisionCode: '330900' } as never);

  it("shows the home jurisdiction's clocks in the inbox, whoever reads it", () => {
    for (const actor of [officer, supervisor])
      expect(dueParties('inbox', actor)).toEqual(['homeJurisdiction']);
  });

  it("shows the reader's own clocks in the case list: a clerk the window's, an officer the home jurisdiction's", () => {
    expect(dueParties('cases', clerk)).toEqual(['window']);
    expect(dueParties('cases', officer)).toEqual(['homeJurisdiction']);
    expect(dueParties('cases', supervisor)).toEqual(['window', 'homeJurisdiction']);
  });
});
