import { Conflict } from '@app/common';
import { claimPanel } from './claim-panel';
import { claimRefusal, holderWords, readReassignForm } from './claim-words';

const officer = (username: string) =>
  ({ username, role: 'officer', jurisdictionCode: 'J310115-SFJ', lead: false }) as const;
const kase = (holder: { username: string; claimedAt: Date } | null, state = 'accepted.processing') => ({
  id: '7d1f3c9e-2f4b-4c3a-9d6e-1a2b3c4d5e6f',
  caseNumber: '330902-20261201-000001',
  version: 7,
  state,
  holder,
});
const AT = new Date('2026-12-01T06:05:00Z'); // 14:05 in Beijing

describe('the claim panel', () => {
  it('offers 认领 to an officer while nobody holds an open case, 释放 to its holder, nothing to another', () => {
    expect(claimPanel(officer('a'), kase(null))).toMatchObject({ canClaim: true, canRelease: false });
    expect(claimPanel(officer('a'), kase({ username: 'a', claimedAt: AT }))).toMatchObject({
      canClaim: false,
      canRelease: true,
      mine: true,
    });
    expect(claimPanel(officer('b'), kase({ username: 'a', claimedAt: AT }))).toMatchObject({
      canClaim: false,
      canRelease: false,
      heldByOther: true,
    });
    const supervisor = { username: 's', role: 'supervisor', divisionCode: '310115' } as const;
    expect(claimPanel(supervisor, kase(null))).toMatchObject({ canClaim: false, heldByOther: false });
  });

  it('says who holds the case in words, Beijing time to the minute', () => {
    expect(holderWords({ holder: 'officer-x', claimedAt: AT })).toBe(
      '由 officer-x 办理（2026-12-01 14:05 认领）',
    );
    expect(holderWords({ holder: null, claimedAt: null })).toBe('尚无人认领');
  });

  it('names the current holder and state when a claim is refused', () => {
    const now = claimPanel(officer('b'), kase({ username: 'a', claimedAt: AT }));
    const said = claimRefusal(new Conflict('claimed_by_other', 'held'), now);
    expect(said.message).toContain('此案件已由 a 认领');
    expect(said.message).toContain('案件当前状态：已受理，办理中；由 a 办理（2026-12-01 14:05 认领）。');
  });

  it('reads the reassign form: ticked cases or all, and names what is missing', () => {
    expect(readReassignForm({ from: 'a', to: 'b', caseIds: ['x', 'y'] })).toEqual({
      from: 'a',
      to: 'b',
      caseIds: ['x', 'y'],
    });
    expect(readReassignForm({ from: 'a', to: 'b', caseIds: 'x' })).toMatchObject({ caseIds: ['x'] });
    expect(readReassignForm({ from: 'a', to: 'b', all: '1' })).toEqual({
      from: 'a',
      to: 'b',
      caseIds: undefined,
    });
    expect(readReassignForm({ from: 'a' })).toMatchObject({
      fields: [
        { field: 'to', message: '请选择接手的同事' },
        { field: 'caseIds', message: '请勾选要改派的案件，或勾选"全部案件"' },
      ],
    });
  });
});
