import { CASE_EVENT_TYPES } from '@app/workflow';
import { NotAllowed } from './domain-errors';
import {
  assertHolderActs,
  assertMay,
  assertMayReassign,
  may,
  mayActOnHeld,
  refusal,
  WHO_MAY,
  type Action,
  type ClaimParty,
  type Role,
} from './policy';

/** Every role, once (the compiler refuses a missing or unknown one). */
const ROLES = Object.keys({
  clerk: true,
  officer: true,
  supervisor: true,
  admin: true,
  applicant: true,
  system: true,
} satisfies Record<Role, true>) as Role[];

const ACTIONS = Object.keys(WHO_MAY) as Action[];

/** What `role` may do, in the table's order. */
const allowedTo = (role: Role) => ACTIONS.filter((action) => may(role, action));

/** The error `assertMay` throws for `role` and `action`, or null when it lets them through. */
function thrownBy(role: Role, action: Action): unknown {
  try {
    assertMay({ role }, action);
    return null;
  } catch (e) {
    return e;
  }
}

describe('the policy: who may do what', () => {
  it('answers for every event type and every act', () => {
    expect(ACTIONS).toEqual([
      ...CASE_EVENT_TYPES,
      'readCases',
      'readApplicantPii',
      'receive',
      'uploadScan',
      'packParcels',
      'checkInParcels',
      'readParcels',
      'track',
      'evaluate',
      'rectifyWindow',
      'rectifyJurisdiction',
      'readStatistics',
      'keepAccounts',
      'claimCases',
      'reassignClaims',
      'keepCalendar',
      'watchQueues',
    ]);
  });

  describe.each(ROLES)('%s', (role) => {
    it.each(ACTIONS)(`%s: may, assertMay and refusal agree with the table`, (action) => {
      const allowed = WHO_MAY[action].includes(role);
      expect(may(role, action)).toBe(allowed);
      expect(may({ role }, action)).toBe(allowed);
      const thrown = thrownBy(role, action);
      if (allowed) {
        expect(thrown).toBeNull();
      } else {
        expect(thrown).toBeInstanceOf(NotAllowed);
        expect(thrown).toEqual(refusal(role, action));
        expect((thrown as NotAllowed).reason).toBe('role');
      }
    });
  });

  it('gives each role exactly these actions', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, allowedTo(role)]))).toEqual({
      clerk: [
        'PASS_FORM_CHECK',
        'FAIL_FORM_CHECK',
        'RESUBMIT',
        'VERIFY_IDENTITY',
        'FORWARD',
        'REDISPATCH',
        'SUPPLEMENT_RECEIVED',
        'WITHDRAW',
        'readCases',
        'readApplicantPii',
        'receive',
        'uploadScan',
        'packParcels',
        'readParcels',
        'rectifyWindow',
      ],
      officer: [
        'CHECK_IN',
        'ACCEPT',
        'REQUEST_SUPPLEMENT',
        'REFUSE',
        'APPROVE',
        'DENY',
        'EXTEND_TIME_LIMIT',
        'SUSPEND_CLOCK',
        'RESUME_CLOCK',
        'DISPATCH_RESULT',
        'readCases',
        'readApplicantPii',
        'checkInParcels',
        'readParcels',
        'rectifyJurisdiction',
        'claimCases',
        'reassignClaims',
      ],
      supervisor: ['readCases', 'readStatistics', 'reassignClaims'],
      admin: ['keepAccounts', 'keepCalendar', 'watchQueues'],
      applicant: ['WITHDRAW', 'track', 'evaluate'],
      system: [
        'TRANSFER_DELIVERED',
        'TRANSFER_FAILED',
        'DEEM_ACCEPTED',
        'RESULT_DELIVERED',
        'WITHDRAW',
        'readCases',
      ],
    });
  });

  it('lets only the window receive and scan: an officer may do neither', () => {
    expect(may('officer', 'receive')).toBe(false);
    expect(may('officer', 'uploadScan')).toBe(false);
    expect(may('clerk', 'receive')).toBe(true);
  });

  it('lets the window pack parcels and only the home jurisdiction check them in (签收)', () => {
    expect([may('clerk', 'packParcels'), may('officer', 'packParcels')]).toEqual([true, false]);
    expect([may('officer', 'checkInParcels'), may('clerk', 'checkInParcels')]).toEqual([true, false]);
    expect([may('officer', 'CHECK_IN'), may('clerk', 'CHECK_IN'), may('system', 'CHECK_IN')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('lets the applicant withdraw and nothing else of the events; staff never track or evaluate', () => {
    expect(CASE_EVENT_TYPES.filter((type) => may('applicant', type))).toEqual(['WITHDRAW']);
    for (const role of ['clerk', 'officer', 'supervisor', 'admin'] as const) {
      expect([role, may(role, 'track'), may(role, 'evaluate')]).toEqual([role, false, false]);
    }
  });

  it("shows the applicant's personal data in full to the clerk and the officer only", () => {
    expect(ROLES.filter((role) => may(role, 'readApplicantPii'))).toEqual(['clerk', 'officer']);
    expect(may({ role: 'supervisor' }, 'readApplicantPii')).toBe(false);
    expect(may({ role: 'applicant' }, 'readApplicantPii')).toBe(false);
  });

  it('keeps system events to the system, and cases from an admin', () => {
    // WITHDRAW is the applicant's and the clerk's too: the sweep sends it for a supplement left too long.
    const systemEvents = CASE_EVENT_TYPES.filter((type) => may('system', type) && type !== 'WITHDRAW');
    for (const role of ROLES.filter((r) => r !== 'system')) {
      expect([role, systemEvents.filter((type) => may(role, type))]).toEqual([role, []]);
    }
    expect(may('admin', 'readCases')).toBe(false);
  });

  it('lets officers claim; a supervisor or a lead officer reassigns, an officer who does not lead may not', () => {
    expect(ROLES.filter((role) => may(role, 'claimCases'))).toEqual(['officer']);
    const reassigns = (party: ClaimParty) => {
      try {
        assertMayReassign(party);
        return true;
      } catch (e) {
        expect(e).toBeInstanceOf(NotAllowed);
        return false;
      }
    };
    expect(
      [
        { role: 'supervisor', id: 's' },
        { role: 'officer', id: 'lead', lead: true },
        { role: 'officer', id: 'o', lead: false },
        { role: 'clerk', id: 'c' },
      ].map((p) => reassigns(p as ClaimParty)),
    ).toEqual([true, true, false, false]);
  });

  it("gives a claimed case's actions to its holder: another officer is refused, naming the holder", () => {
    const holding = { holder: 'officer-a', claimedAt: new Date('2026-12-01T06:05:00Z') };
    expect(mayActOnHeld({ role: 'officer', id: 'officer-a' }, holding)).toBe(true);
    expect(mayActOnHeld({ role: 'officer', id: 'officer-b' }, null)).toBe(true);
    expect(mayActOnHeld({ role: 'clerk', id: 'clerk-w330902' }, holding)).toBe(true);
    expect(() => assertHolderActs({ role: 'officer', id: 'officer-b' }, holding)).toThrow(
      'the case is held by officer-a: its actions are theirs',
    );
  });

  it.each<[Role, Action, string, unknown]>([
    ['supervisor', 'ACCEPT', 'supervisor may not send ACCEPT', { role: 'supervisor', type: 'ACCEPT' }],
    ['officer', 'receive', 'officer may not send RECEIVE', { role: 'officer', type: 'RECEIVE' }],
    ['officer', 'uploadScan', 'officer may not send SCAN', { role: 'officer', type: 'SCAN' }],
    [
      'clerk',
      'readStatistics',
      'statistics are for supervisors (督查); clerks and officers see their cases in their worklists',
      { role: 'clerk' },
    ],
    ['clerk', 'keepAccounts', 'only an admin manages accounts', undefined],
    [
      'clerk',
      'rectifyJurisdiction',
      "only the home jurisdiction's officers put right a 差评 of the home jurisdiction's service",
      { role: 'clerk', side: 'jurisdiction' },
    ],
    [
      'clerk',
      'keepCalendar',
      "only an admin enters a year's official holiday arrangement",
      { role: 'clerk' },
    ],
    [
      'admin',
      'readCases',
      'admins manage accounts; cases are for clerks, officers and supervisors',
      undefined,
    ],
  ])('refuses %s %s with the words the api has always answered', (role, action, message, details) => {
    const e = refusal(role, action);
    expect({ reason: e.reason, message: e.message, details: e.details }).toEqual({
      reason: 'role',
      message,
      details,
    });
  });
});
