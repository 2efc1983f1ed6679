import type { StateValue } from 'xstate';
import type { CaseContext } from './case.context';
import { CASE_EVENT_TYPES, type CaseEvent, type CaseEventType, type OriginalCheckedIn } from './case.events';
import { explainRefusal } from './case-refusals';
import { CASE_MACHINE_VERSION, caseMachine } from './case.machine';
import type { CaseEffect } from './case-effects';
import type { ClockStage } from './clock-stages';
import { CASE_RULES, RULE_GUARDS, type CaseRuleName } from './case-rules';
import { CASE_STATES } from './case-states';
import snapshotsV1 from './__fixtures__/snapshots-v1.json';
import snapshotsV2 from './__fixtures__/snapshots-v2.json';
import snapshotsV3 from './__fixtures__/snapshots-v3.json';
import snapshotsV4 from './__fixtures__/snapshots-v4.json';
import {
  allowedEvents,
  persistSnapshot,
  restoreSnapshot,
  startCase,
  stepCase,
  takesEvent,
  toDottedState,
  UnknownSnapshotError,
  type CaseSnapshot,
} from './case-snapshot';

const STATES = [
  'received',
  'returnedForCorrection',
  'formChecked',
  'identityVerified',
  'forwarded.inTransit',
  'forwarded.inParcel',
  'forwarded.awaitingCheckIn',
  'forwarded.awaitingAcceptance',
  'transferException',
  'supplementRequested',
  'accepted.processing',
  'accepted.supplementRequested',
  'accepted.suspended',
  'accepted.concluded',
  'refused',
  'resultDispatched',
  'resultReturned',
  'resultDelivered',
  'withdrawn',
] as const;
type State = (typeof STATES)[number];

/** A valid payload for every event type. */
const EVENTS: Record<CaseEventType, CaseEvent> = {
  PASS_FORM_CHECK: { type: 'PASS_FORM_CHECK' },
  FAIL_FORM_CHECK: { type: 'FAIL_FORM_CHECK', missing: ['户口簿'] },
  RESUBMIT: { type: 'RESUBMIT', materials: [{ name: '户口簿', form: 'copy' }] },
  VERIFY_IDENTITY: { type: 'VERIFY_IDENTITY', method: 'face', passed: true },
  FORWARD: { type: 'FORWARD', channel: 'courier', waybillNumber: 'SF1234567890' },
  TRANSFER_DELIVERED: { type: 'TRANSFER_DELIVERED', transferId: 't1' },
  CHECK_IN: {
    type: 'CHECK_IN',
    parcelId: 'p1',
    transferId: 't1',
    originals: [{ name: '申请表', outcome: 'received' }],
  },
  TRANSFER_FAILED: { type: 'TRANSFER_FAILED', transferId: 't1', reason: 'parcel lost' },
  REDISPATCH: { type: 'REDISPATCH', channel: 'courier', waybillNumber: 'SF1234567891' },
  ACCEPT: { type: 'ACCEPT' },
  DEEM_ACCEPTED: { type: 'DEEM_ACCEPTED', clockId: 'c1' },
  REQUEST_SUPPLEMENT: { type: 'REQUEST_SUPPLEMENT', items: ['婚姻状况证明'], note: '请补正' },
  SUPPLEMENT_RECEIVED: {
    type: 'SUPPLEMENT_RECEIVED',
    materials: [{ name: '婚姻状况证明', form: 'original' }],
  },
  REFUSE: { type: 'REFUSE', reason: '不属于本机关职权范围', legalBasis: '《行政许可法》第三十二条' },
  APPROVE: { type: 'APPROVE', result: { documentType: '公证书', documentNumber: '(2026)浙舟证字第1号' } },
  DENY: { type: 'DENY', reason: '不符合条件', legalBasis: '《行政许可法》第三十八条' },
  EXTEND_TIME_LIMIT: { type: 'EXTEND_TIME_LIMIT', reason: '需现场核查，经负责人批准' },
  SUSPEND_CLOCK: { type: 'SUSPEND_CLOCK', kind: 'hearing', reason: '申请人申请听证' },
  RESUME_CLOCK: { type: 'RESUME_CLOCK', note: '听证结束' },
  DISPATCH_RESULT: { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: 'EMS1234567890' },
  RESULT_DELIVERED: { type: 'RESULT_DELIVERED', transferId: 't2' },
  WITHDRAW: { type: 'WITHDRAW', reason: '申请人撤回' },
};

const BEFORE_DECISION: State[] = [
  'received',
  'returnedForCorrection',
  'formChecked',
  'identityVerified',
  'forwarded.inTransit',
  'forwarded.inParcel',
  'forwarded.awaitingCheckIn',
  'forwarded.awaitingAcceptance',
  'transferException',
  'supplementRequested',
  'accepted.processing',
  'accepted.supplementRequested',
  'accepted.suspended',
];

/**
 * DESIGN.md's event table: (from, event) → to. Every pair not listed must be refused. FORWARD and
 * REDISPATCH here go by courier (EVENTS), into a parcel; by scan they lead to forwarded.inTransit
 * (tested below).
 */
const TABLE: [State, CaseEventType, State][] = [
  ['received', 'PASS_FORM_CHECK', 'formChecked'],
  ['received', 'FAIL_FORM_CHECK', 'returnedForCorrection'],
  ['returnedForCorrection', 'RESUBMIT', 'received'],
  ['formChecked', 'VERIFY_IDENTITY', 'identityVerified'],
  ['identityVerified', 'FORWARD', 'forwarded.inParcel'],
  ['forwarded.inTransit', 'TRANSFER_DELIVERED', 'forwarded.awaitingAcceptance'],
  ['forwarded.inTransit', 'TRANSFER_FAILED', 'transferException'],
  ['forwarded.inParcel', 'TRANSFER_DELIVERED', 'forwarded.awaitingCheckIn'],
  ['forwarded.inParcel', 'TRANSFER_FAILED', 'transferException'],
  ['forwarded.inParcel', 'CHECK_IN', 'forwarded.awaitingAcceptance'],
  ['forwarded.awaitingCheckIn', 'CHECK_IN', 'forwarded.awaitingAcceptance'],
  ['transferException', 'REDISPATCH', 'forwarded.inParcel'],
  ['forwarded.awaitingAcceptance', 'ACCEPT', 'accepted.processing'],
  ['forwarded.awaitingAcceptance', 'DEEM_ACCEPTED', 'accepted.processing'],
  ['forwarded.awaitingAcceptance', 'REQUEST_SUPPLEMENT', 'supplementRequested'],
  ['supplementRequested', 'SUPPLEMENT_RECEIVED', 'identityVerified'],
  ['forwarded.awaitingAcceptance', 'REFUSE', 'refused'],
  ['accepted.processing', 'APPROVE', 'accepted.concluded'],
  ['accepted.processing', 'DENY', 'accepted.concluded'],
  ['accepted.processing', 'EXTEND_TIME_LIMIT', 'accepted.processing'],
  ['accepted.processing', 'REQUEST_SUPPLEMENT', 'accepted.supplementRequested'],
  ['accepted.supplementRequested', 'SUPPLEMENT_RECEIVED', 'accepted.processing'],
  ['accepted.processing', 'SUSPEND_CLOCK', 'accepted.suspended'],
  ['accepted.suspended', 'RESUME_CLOCK', 'accepted.processing'],
  ['accepted.concluded', 'DISPATCH_RESULT', 'resultDispatched'],
  ['refused', 'DISPATCH_RESULT', 'resultDispatched'],
  ['resultDispatched', 'RESULT_DELIVERED', 'resultDelivered'],
  ['resultDispatched', 'TRANSFER_FAILED', 'resultReturned'],
  ['resultReturned', 'DISPATCH_RESULT', 'resultDispatched'],
  ...BEFORE_DECISION.map((s): [State, CaseEventType, State] => [s, 'WITHDRAW', 'withdrawn']),
];

const baseContext = (over: Partial<CaseContext> = {}): CaseContext => ({
  requiredMaterials: [
    { name: '申请表', form: 'original' },
    { name: '居民身份证', form: 'copy' },
  ],
  materialsHandedIn: [
    { name: '申请表', form: 'original' },
    { name: '居民身份证', form: 'copy' },
  ],
  originalsMustTravel: false,
  resultDeliveryMethods: ['mail', 'online'],
  failedIdentityAttempts: 0,
  supplementRounds: 0,
  supplementItems: ['婚姻状况证明'],
  supplementHandedIn: [],
  timeLimitExtended: false,
  ...over,
});

const toValue = (dotted: string): StateValue => {
  const [parent, child] = dotted.split('.');
  return child ? { [parent]: child } : parent;
};

const at = (state: State, over: Partial<CaseContext> = {}): CaseSnapshot =>
  caseMachine.resolveState({ value: toValue(state), context: baseContext(over) });

describe('case machine: every (state, event) pair', () => {
  const expected = new Map(TABLE.map(([from, ev, to]) => [`${from}|${ev}`, to]));
  const pairs = STATES.flatMap((s) => CASE_EVENT_TYPES.map((e) => [s, e] as const));

  it.each(pairs)('%s + %s', (state, type) => {
    const before = at(state);
    const step = stepCase(before, EVENTS[type]);
    const target = expected.get(`${state}|${type}`);
    if (target) {
      expect(step?.state).toBe(target);
    } else {
      expect(step).toBeNull();
      expect(toDottedState(before.value)).toBe(state);
    }
  });

  it('names the same states as the table', () => {
    expect(CASE_STATES).toEqual(STATES);
  });

  it('lists for each state exactly the events the table allows', () => {
    for (const state of STATES) {
      const fromTable = TABLE.filter(([from]) => from === state).map(([, ev]) => ev);
      expect([...allowedEvents(at(state))].sort()).toEqual([...new Set(fromTable)].sort());
    }
  });
});

describe('case machine: guards and effects', () => {
  it('starts received with the materials handed in, deduplicated', () => {
    const step = startCase({
      requiredMaterials: [{ name: '申请表', form: 'original' }],
      materialsHandedIn: [
        { name: '申请表', form: 'original' },
        { name: '申请表', form: 'original' },
        { name: '申请表', form: 'copy' },
      ],
      originalsMustTravel: false,
      resultDeliveryMethods: ['mail'],
    });
    expect(step.state).toBe('received');
    expect(step.snapshot.context.materialsHandedIn).toEqual([
      { name: '申请表', form: 'original' },
      { name: '申请表', form: 'copy' },
    ]);
  });

  it('refuses PASS_FORM_CHECK while a required material is missing, and allows it after RESUBMIT', () => {
    const missing = at('received', { materialsHandedIn: [{ name: '申请表', form: 'original' }] });
    expect(stepCase(missing, EVENTS.PASS_FORM_CHECK)).toBeNull();
    expect(allowedEvents(missing)).not.toContain('PASS_FORM_CHECK');
    const returned = stepCase(missing, EVENTS.FAIL_FORM_CHECK)!;
    const back = stepCase(returned.snapshot, {
      type: 'RESUBMIT',
      materials: [{ name: '居民身份证', form: 'copy' }],
    })!;
    expect(back.state).toBe('received');
    expect(stepCase(back.snapshot, EVENTS.PASS_FORM_CHECK)?.state).toBe('formChecked');
  });

  it('asks for the original where the checklist says 原件: a copy does not do, and a copy may be an original', () => {
    const onlyCopies = at('received', {
      materialsHandedIn: [
        { name: '申请表', form: 'copy' },
        { name: '居民身份证', form: 'original' },
      ],
    });
    expect(stepCase(onlyCopies, EVENTS.PASS_FORM_CHECK)).toBeNull();
    expect(explainRefusal(onlyCopies, EVENTS.PASS_FORM_CHECK)).toBe(
      'required materials missing: 申请表 (original)',
    );
    const withOriginal = stepCase(stepCase(onlyCopies, EVENTS.FAIL_FORM_CHECK)!.snapshot, {
      type: 'RESUBMIT',
      materials: [{ name: '申请表', form: 'original' }],
    })!;
    expect(stepCase(withOriginal.snapshot, EVENTS.PASS_FORM_CHECK)?.state).toBe('formChecked');
  });

  it('records a failed identity check and leaves only WITHDRAW after three', () => {
    let snap = at('formChecked');
    for (let i = 1; i <= 3; i++) {
      const step = stepCase(snap, { type: 'VERIFY_IDENTITY', method: 'face', passed: false })!;
      expect(step.state).toBe('formChecked');
      expect(step.snapshot.context.failedIdentityAttempts).toBe(i);
      snap = step.snapshot;
    }
    expect(stepCase(snap, EVENTS.VERIFY_IDENTITY)).toBeNull();
    expect(allowedEvents(snap)).toEqual(['WITHDRAW']);
  });

  it('refuses scan transfer when originals must travel, allows courier (into a parcel)', () => {
    const snap = at('identityVerified', { originalsMustTravel: true });
    expect(stepCase(snap, { type: 'FORWARD', channel: 'scan', scanDigests: ['a'.repeat(64)] })).toBeNull();
    expect(stepCase(snap, EVENTS.FORWARD)?.state).toBe('forwarded.inParcel');
  });

  it('sends scans to forwarded.inTransit, where the scan job delivers them straight to acceptance', () => {
    const scan: CaseEvent = { type: 'FORWARD', channel: 'scan', scanDigests: ['a'.repeat(64)] };
    const sent = stepCase(at('identityVerified'), scan)!;
    expect(sent.state).toBe('forwarded.inTransit');
    expect(allowedEvents(sent.snapshot)).not.toContain('CHECK_IN');
    const redispatched = stepCase(at('transferException'), { ...scan, type: 'REDISPATCH' })!;
    expect(redispatched.state).toBe('forwarded.inTransit');
    expect(stepCase(sent.snapshot, EVENTS.TRANSFER_DELIVERED)?.state).toBe('forwarded.awaitingAcceptance');
  });

  it('keeps a parcel delivered by the carrier out of acceptance until an officer checks it in', () => {
    const delivered = stepCase(at('forwarded.inParcel'), EVENTS.TRANSFER_DELIVERED)!;
    expect(delivered.state).toBe('forwarded.awaitingCheckIn');
    expect(allowedEvents(delivered.snapshot).sort()).toEqual(['CHECK_IN', 'WITHDRAW']);
    expect(stepCase(delivered.snapshot, EVENTS.ACCEPT)).toBeNull();
    expect(stepCase(delivered.snapshot, { type: 'DEEM_ACCEPTED', clockId: 'c1' })).toBeNull();
    expect(stepCase(delivered.snapshot, EVENTS.CHECK_IN)?.state).toBe('forwarded.awaitingAcceptance');
  });

  it('sends a case whose originals are missing or damaged at check-in back to the window', () => {
    for (const state of ['forwarded.inParcel', 'forwarded.awaitingCheckIn'] as const) {
      const step = stepCase(at(state), {
        ...EVENTS.CHECK_IN,
        originals: [
          { name: '申请表', outcome: 'received' },
          { name: '居民身份证', outcome: 'missing' },
        ],
      } as CaseEvent)!;
      expect(step.state).toBe('transferException');
      expect(allowedEvents(step.snapshot).sort()).toEqual(['REDISPATCH', 'WITHDRAW']);
    }
  });

  it('sends a mailed result again after its parcel was lost (resultReturned)', () => {
    const lost: CaseEvent = {
      type: 'TRANSFER_FAILED',
      transferId: 't2',
      reason: '快递丢失：运单 EMS1234567890（舟山）',
    };
    const returned = stepCase(at('resultDispatched'), lost)!;
    expect(returned.state).toBe('resultReturned');
    expect(allowedEvents(returned.snapshot)).toEqual(['DISPATCH_RESULT']);
    const again = stepCase(returned.snapshot, {
      ...EVENTS.DISPATCH_RESULT,
      waybillNumber: 'EMS1234567891',
    } as CaseEvent)!;
    expect(again.state).toBe('resultDispatched');
    expect(stepCase(again.snapshot, EVENTS.RESULT_DELIVERED)?.state).toBe('resultDelivered');
    // The item's delivery methods still bind the second dispatch.
    const paperOnly = stepCase(at('resultDispatched', { resultDeliveryMethods: ['mail'] }), lost)!;
    expect(stepCase(paperOnly.snapshot, { type: 'DISPATCH_RESULT', method: 'online' })).toBeNull();
  });

  it('sends a paper-only result by mail, never online', () => {
    const paper = at('accepted.concluded', { resultDeliveryMethods: ['mail'] });
    expect(stepCase(paper, { type: 'DISPATCH_RESULT', method: 'online' })).toBeNull();
    expect(stepCase(paper, EVENTS.DISPATCH_RESULT)?.state).toBe('resultDispatched');
    const onlineOnly = at('refused', { resultDeliveryMethods: ['online'] });
    expect(allowedEvents(onlineOnly)).toEqual(['DISPATCH_RESULT']);
    expect(stepCase(onlineOnly, EVENTS.DISPATCH_RESULT)).toBeNull();
  });

  it('counts supplement rounds', () => {
    const step = stepCase(at('forwarded.awaitingAcceptance'), EVENTS.REQUEST_SUPPLEMENT)!;
    expect(step.snapshot.context.supplementRounds).toBe(1);
  });
});

describe('一次性告知: everything missing is requested at once (行政许可法 art. 32(4))', () => {
  const request = (items: string[], reason?: string): CaseEvent => ({
    type: 'REQUEST_SUPPLEMENT',
    items,
    note: '请补正',
    ...(reason === undefined ? {} : { reason }),
  });
  const supplement = (...names: string[]): CaseEvent => ({
    type: 'SUPPLEMENT_RECEIVED',
    materials: names.map((name) => ({ name, form: 'original' as const })),
  });
  /** Requested 户口簿 and 婚姻状况证明, both handed in, forwarded again by courier, delivered and checked in. */
  const afterOneRound = () => {
    let s = stepCase(at('forwarded.awaitingAcceptance'), request(['户口簿', '婚姻状况证明']))!.snapshot;
    s = stepCase(s, supplement('户口簿', '婚姻状况证明'))!.snapshot;
    s = stepCase(s, EVENTS.FORWARD)!.snapshot;
    s = stepCase(s, EVENTS.TRANSFER_DELIVERED)!.snapshot;
    return stepCase(s, EVENTS.CHECK_IN)!.snapshot;
  };

  it('records what was requested, and takes a supplement that answers each item and nothing else', () => {
    const requested = stepCase(at('forwarded.awaitingAcceptance'), request(['户口簿', '婚姻状况证明']))!;
    expect(requested.snapshot.context.supplementItems).toEqual(['户口簿', '婚姻状况证明']);
    expect(allowedEvents(requested.snapshot)).toEqual(['SUPPLEMENT_RECEIVED', 'WITHDRAW']);

    for (const [names, rule] of [
      [['户口簿'], 'the supplement must answer each requested item and nothing else; missing: 婚姻状况证明'],
      [
        ['户口簿', '婚姻状况证明', '房产证'],
        'the supplement must answer each requested item and nothing else; not requested: 房产证',
      ],
      [
        ['房产证'],
        'the supplement must answer each requested item and nothing else; ' +
          'missing: 户口簿, 婚姻状况证明; not requested: 房产证',
      ],
    ] as const) {
      expect(stepCase(requested.snapshot, supplement(...names))).toBeNull();
      expect(explainRefusal(requested.snapshot, supplement(...names))).toBe(rule);
    }
    // With no request open, the state refuses a supplement: no rule is named ("not requested: …").
    const identityVerified = at('identityVerified');
    expect(stepCase(identityVerified, supplement('户口簿'))).toBeNull();
    expect(explainRefusal(identityVerified, supplement('户口簿'))).toBeNull();
    const answered = stepCase(requested.snapshot, supplement('婚姻状况证明', '户口簿'))!;
    expect(answered.state).toBe('identityVerified');
    expect(answered.snapshot.context.supplementHandedIn).toEqual(['婚姻状况证明', '户口簿']);
  });

  it('refuses a second request unless it gives a reason and concerns only what the supplement brought', () => {
    const arrived = afterOneRound();
    expect(explainRefusal(arrived, request(['户口簿']))).toBe(
      'everything missing was requested at once before (一次性告知, 行政许可法 第三十二条): ' +
        'a further request needs a reason',
    );
    expect(stepCase(arrived, request(['户口簿']))).toBeNull();
    expect(stepCase(arrived, request(['房产证'], '补正的户口簿页面不清晰'))).toBeNull();
    expect(explainRefusal(arrived, request(['户口簿', '房产证'], '补正的户口簿页面不清晰'))).toBe(
      'everything missing was requested at once before (一次性告知, 行政许可法 第三十二条): a further ' +
        'request may concern only the materials handed in with the last supplement (户口簿, 婚姻状况证明), not 房产证',
    );
    // Still possible, about what the supplement brought: the officer sees it in the allowed events.
    expect(allowedEvents(arrived)).toContain('REQUEST_SUPPLEMENT');
    const again = stepCase(arrived, request(['户口簿'], '补正的户口簿页面不清晰'))!;
    expect(again.state).toBe('supplementRequested');
    expect(again.snapshot.context).toMatchObject({ supplementRounds: 2, supplementItems: ['户口簿'] });
  });

  it('leaves no second request when the supplement brought nothing', () => {
    const arrived = at('forwarded.awaitingAcceptance', { supplementRounds: 1, supplementHandedIn: [] });
    expect(allowedEvents(arrived)).not.toContain('REQUEST_SUPPLEMENT');
    expect(explainRefusal(arrived, request(['户口簿'], '原因'))).toContain('(none), not 户口簿');
  });
});

describe('case snapshot persistence', () => {
  it('round-trips through JSON and keeps stepping', () => {
    const step = stepCase(at('identityVerified'), EVENTS.FORWARD)!;
    const stored = JSON.parse(JSON.stringify(persistSnapshot(step.snapshot)));
    const restored = restoreSnapshot(stored);
    expect(toDottedState(restored.value)).toBe('forwarded.inParcel');
    expect(stepCase(restored, EVENTS.TRANSFER_DELIVERED)?.state).toBe('forwarded.awaitingCheckIn');
    expect(stepCase(restored, EVENTS.CHECK_IN)?.state).toBe('forwarded.awaitingAcceptance');
  });

  it('refuses a snapshot of an unknown or future version, a malformed one, or one whose state is gone', () => {
    const stored = persistSnapshot(at('received'));
    expect(() => restoreSnapshot({ ...stored, machineVersion: 0 })).toThrow(UnknownSnapshotError);
    expect(() => restoreSnapshot({ ...stored, machineVersion: CASE_MACHINE_VERSION + 1 })).toThrow(
      UnknownSnapshotError,
    );
    expect(() => restoreSnapshot({ ...stored, value: 'archived' })).toThrow(UnknownSnapshotError);
    expect(() => restoreSnapshot(null)).toThrow(UnknownSnapshotError);
    expect(() => restoreSnapshot({ value: 'received' })).toThrow(UnknownSnapshotError);
  });
});

describe.each([
  [1, snapshotsV1],
  [2, snapshotsV2],
  [3, snapshotsV3],
  [4, snapshotsV4],
])('snapshots saved by machine version %i (fixtures)', (version, snapshots) => {
  const fixtures = Object.entries(snapshots) as [State, { machineVersion: number }][];

  it('has one fixture for every state the version had', () => {
    const later: State[] = [
      // since version 6
      'accepted.supplementRequested',
      'accepted.suspended',
      // since version 7
      'forwarded.inParcel',
      'forwarded.awaitingCheckIn',
      'resultReturned',
    ];
    expect(fixtures.map(([state]) => state).sort()).toEqual(STATES.filter((s) => !later.includes(s)).sort());
    expect(fixtures.every(([, s]) => s.machineVersion === version)).toBe(true);
  });

  it.each(fixtures)('restores %s with its state, counters and allowed events', (state, stored) => {
    const restored = restoreSnapshot(stored);
    expect(toDottedState(restored.value)).toBe(state);
    expect(restored.context.resultDeliveryMethods).toEqual(['mail', 'online']);
    // Version 6 counts the decision period's one extension: none was taken before.
    expect(restored.context.timeLimitExtended).toBe(false);
    // Version 5 dropped what no guard read: the case row, its transfers and its history hold it.
    for (const dropped of ['itemCode', 'transfers', 'outcome', 'deemedAccepted']) {
      expect(restored.context).not.toHaveProperty(dropped);
    }
    if (version < 3) {
      // Names only before version 3: required becomes a copy, handed in counts as an original.
      expect(restored.context.requiredMaterials).toEqual([
        { name: '失业登记表', form: 'copy' },
        { name: '居民身份证', form: 'copy' },
      ]);
      expect(restored.context.materialsHandedIn.every((m) => m.form === 'original')).toBe(true);
    } else {
      expect(restored.context.requiredMaterials).toEqual([
        { name: '失业登记表', form: 'original' },
        { name: '居民身份证', form: 'copy' },
      ]);
    }
    if (version < 4) {
      // Before version 4 nothing recorded what a supplement request asked for or brought.
      const recorded = restored.context.supplementRounds === 0 ? [] : null;
      expect(restored.context).toMatchObject({ supplementItems: recorded, supplementHandedIn: recorded });
    } else {
      const { supplementItems, supplementHandedIn } = (stored as unknown as { context: Partial<CaseContext> })
        .context;
      expect(restored.context).toMatchObject({ supplementItems, supplementHandedIn });
    }
    expect(allowedEvents(restored)).toEqual(allowedEvents(at(state, restored.context)));
  });

  it('keeps stepping an old case and stores it at the current version', () => {
    // A courier case in transit before version 7 stays in forwarded.inTransit: its own courier job
    // delivers it straight to acceptance, with no parcel to check in.
    const restored = restoreSnapshot(snapshots['forwarded.inTransit']);
    const step = stepCase(restored, EVENTS.TRANSFER_DELIVERED)!;
    expect(step.state).toBe('forwarded.awaitingAcceptance');
    expect(persistSnapshot(step.snapshot).machineVersion).toBe(CASE_MACHINE_VERSION);
  });

  it('keeps the identity attempts an old case had used', () => {
    const restored = restoreSnapshot(snapshots.formChecked);
    expect(restored.context.failedIdentityAttempts).toBe(2);
    const third = stepCase(restored, { type: 'VERIFY_IDENTITY', method: 'face', passed: false })!;
    expect(allowedEvents(third.snapshot)).toEqual(['WITHDRAW']);
  });
});

describe('a supplement loop begun before version 4', () => {
  it('takes any supplement for a request whose items were not recorded', () => {
    const restored = restoreSnapshot(snapshotsV3.supplementRequested);
    const step = stepCase(restored, {
      type: 'SUPPLEMENT_RECEIVED',
      materials: [{ name: '劳动合同解除证明', form: 'original' }],
    })!;
    expect(step.state).toBe('identityVerified');
    expect(step.snapshot.context.supplementHandedIn).toEqual(['劳动合同解除证明']);
  });

  it('asks a reason for a further request, and cannot check its items', () => {
    const restored = restoreSnapshot(snapshotsV3['forwarded.awaitingAcceptance']);
    const bare: CaseEvent = { type: 'REQUEST_SUPPLEMENT', items: ['户口簿'], note: '请补正' };
    expect(stepCase(restored, bare)).toBeNull();
    expect(explainRefusal(restored, bare)).toContain('a further request needs a reason');
    expect(stepCase(restored, { ...bare, reason: '补正材料不完整' })?.state).toBe('supplementRequested');
  });
});

describe('snapshots saved by machine version 6 (parcels came with version 7)', () => {
  /** A case stored in `state` by version 6: the context is the same, only the version differs. */
  const v6 = (state: State) => ({ ...persistSnapshot(at(state)), machineVersion: 6 });
  const v6States = STATES.filter(
    (s) => !['forwarded.inParcel', 'forwarded.awaitingCheckIn', 'resultReturned'].includes(s),
  );

  it.each(v6States)('restores %s unchanged, with the same context and allowed events', (state) => {
    const restored = restoreSnapshot(v6(state));
    expect(toDottedState(restored.value)).toBe(state);
    expect(restored.context).toEqual(at(state).context);
    expect(allowedEvents(restored)).toEqual(allowedEvents(at(state)));
  });

  it('delivers a courier case in transit at the upgrade straight to acceptance, as its own courier job did', () => {
    const restored = restoreSnapshot(v6('forwarded.inTransit'));
    expect(allowedEvents(restored)).not.toContain('CHECK_IN');
    const step = stepCase(restored, EVENTS.TRANSFER_DELIVERED)!;
    expect(step.state).toBe('forwarded.awaitingAcceptance');
    expect(persistSnapshot(step.snapshot).machineVersion).toBe(7);
  });

  it('lets a mailed result dispatched before the upgrade come back lost (resultReturned)', () => {
    const restored = restoreSnapshot(v6('resultDispatched'));
    expect(stepCase(restored, { type: 'TRANSFER_FAILED', transferId: 't2', reason: 'lost' })?.state).toBe(
      'resultReturned',
    );
  });
});

describe('effects: each carries its parameters, built by the transition from the event', () => {
  const digests = ['a'.repeat(64), 'b'.repeat(64)];

  const withdrawal: CaseEffect[] = [
    { type: 'cancelTransfersInTransit', reason: 'case withdrawn while in transit' },
    { type: 'stopClocks', stages: 'all', outcome: 'withdrawn' },
  ];
  const stop = (...stages: ClockStage[]): CaseEffect => ({ type: 'stopClocks', stages, outcome: 'done' });
  const start = (...stages: ClockStage[]): CaseEffect => ({
    type: 'startClocks',
    stages,
    startingEvent: 'transition',
  });
  /** The check-in of transfer-7's line of parcel-3 with `originals`, and its recordCheckIn effect. */
  const checkIn = (...originals: OriginalCheckedIn[]) => ({
    event: { type: 'CHECK_IN', parcelId: 'parcel-3', transferId: 'transfer-7', originals } as CaseEvent,
    recorded: {
      type: 'recordCheckIn',
      parcelId: 'parcel-3',
      transferId: 'transfer-7',
      originals,
    } as CaseEffect,
  });
  const allThere = checkIn(
    { name: '申请表', outcome: 'received' },
    { name: '居民身份证', outcome: 'received' },
  );
  const wrong = checkIn(
    { name: '申请表', outcome: 'missing' },
    { name: '居民身份证', outcome: 'damaged', note: '水渍' },
  );

  it.each<[string, State, CaseEvent, CaseEffect[]]>([
    [
      'FORWARD by scan: the scans that travel; the forwarding clock stops',
      'identityVerified',
      { type: 'FORWARD', channel: 'scan', scanDigests: digests },
      [
        { type: 'startTransfer', channel: 'scan', waybillNumber: null, scanDigests: digests, parcelId: null },
        stop('forward'),
      ],
    ],
    [
      'REDISPATCH by courier: the waybill; the forwarding and mailing clocks stop',
      'transferException',
      { type: 'REDISPATCH', channel: 'courier', waybillNumber: 'SF0000000002' },
      [
        {
          type: 'startTransfer',
          channel: 'courier',
          waybillNumber: 'SF0000000002',
          scanDigests: null,
          parcelId: null,
        },
        stop('forward', 'mailOriginals'),
      ],
    ],
    [
      'FORWARD by courier, sealed in a parcel of several cases: the parcel, no waybill of its own',
      'identityVerified',
      { type: 'FORWARD', channel: 'courier', parcelId: 'parcel-3' },
      [
        {
          type: 'startTransfer',
          channel: 'courier',
          waybillNumber: null,
          scanDigests: null,
          parcelId: 'parcel-3',
        },
        stop('forward', 'mailOriginals'),
      ],
    ],
    [
      'TRANSFER_DELIVERED of a parcel: the carrier delivered; nothing settled and no clock started before check-in',
      'forwarded.inParcel',
      { type: 'TRANSFER_DELIVERED', transferId: 'transfer-7' },
      [],
    ],
    [
      'CHECK_IN with every original received: recorded; the transfer settled; the acceptance clock if arrival starts it',
      'forwarded.awaitingCheckIn',
      allThere.event,
      [
        allThere.recorded,
        { type: 'settleTransfer', transferId: 'transfer-7', status: 'delivered' },
        { type: 'startClocks', stages: ['acceptance'], startingEvent: 'arrival' },
      ],
    ],
    [
      'CHECK_IN with a discrepancy (before the carrier reported delivery): recorded; the transfer failed, naming the originals and the leg',
      'forwarded.inParcel',
      wrong.event,
      [
        wrong.recorded,
        {
          type: 'settleTransfer',
          transferId: 'transfer-7',
          status: 'failed',
          failureReason: '签收时原件不符（窗口→业务属地部门寄递段）：申请表 缺失；居民身份证 破损（水渍）',
        },
      ],
    ],
    [
      'TRANSFER_FAILED of a parcel: the transfer that failed, and why',
      'forwarded.inParcel',
      { type: 'TRANSFER_FAILED', transferId: 'transfer-7', reason: '快递丢失：运单 SF0000000002（舟山）' },
      [
        {
          type: 'settleTransfer',
          transferId: 'transfer-7',
          status: 'failed',
          failureReason: '快递丢失：运单 SF0000000002（舟山）',
        },
      ],
    ],
    [
      "TRANSFER_FAILED of a mailed result's parcel: the result transfer failed, and why",
      'resultDispatched',
      { type: 'TRANSFER_FAILED', transferId: 'transfer-9', reason: '快递丢失：运单 EMS0000000009（舟山）' },
      [
        {
          type: 'settleTransfer',
          transferId: 'transfer-9',
          status: 'failed',
          failureReason: '快递丢失：运单 EMS0000000009（舟山）',
        },
      ],
    ],
    [
      'DISPATCH_RESULT again after the result came back: the new waybill; the dispatch clock is stopped as before',
      'resultReturned',
      { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: 'EMS0000000010' },
      [
        stop('resultDispatch'),
        { type: 'startResultDelivery', method: 'mail', waybillNumber: 'EMS0000000010' },
      ],
    ],
    [
      'DISPATCH_RESULT online: the method, no waybill; the dispatch clock stops (art. 44)',
      'accepted.concluded',
      { type: 'DISPATCH_RESULT', method: 'online' },
      [stop('resultDispatch'), { type: 'startResultDelivery', method: 'online', waybillNumber: null }],
    ],
    [
      'TRANSFER_DELIVERED: the transfer that arrived, settled; the acceptance clock if arrival starts it',
      'forwarded.inTransit',
      { type: 'TRANSFER_DELIVERED', transferId: 'transfer-7' },
      [
        { type: 'settleTransfer', transferId: 'transfer-7', status: 'delivered' },
        { type: 'startClocks', stages: ['acceptance'], startingEvent: 'arrival' },
      ],
    ],
    [
      'TRANSFER_FAILED: the transfer that failed, and why',
      'forwarded.inTransit',
      { type: 'TRANSFER_FAILED', transferId: 'transfer-7', reason: 'parcel lost' },
      [{ type: 'settleTransfer', transferId: 'transfer-7', status: 'failed', failureReason: 'parcel lost' }],
    ],
    [
      'RESULT_DELIVERED: the result transfer that arrived',
      'resultDispatched',
      { type: 'RESULT_DELIVERED', transferId: 'transfer-9' },
      [{ type: 'settleTransfer', transferId: 'transfer-9', status: 'delivered' }],
    ],
    [
      'DEEM_ACCEPTED: the acceptance clock that ran out is checked; the decision clock starts',
      'forwarded.awaitingAcceptance',
      { type: 'DEEM_ACCEPTED', clockId: 'clock-7' },
      [{ type: 'checkAcceptanceClockDue', clockId: 'clock-7' }, stop('acceptance'), start('decision')],
    ],
    [
      'ACCEPT: the acceptance clock stops, the decision clock starts (art. 42)',
      'forwarded.awaitingAcceptance',
      EVENTS.ACCEPT,
      [stop('acceptance'), start('decision')],
    ],
    [
      'REFUSE: the acceptance clock stops, the dispatch clock starts',
      'forwarded.awaitingAcceptance',
      EVENTS.REFUSE,
      [stop('acceptance'), start('resultDispatch')],
    ],
    [
      'APPROVE: the decision clock stops, the dispatch clock starts (art. 44)',
      'accepted.processing',
      EVENTS.APPROVE,
      [stop('decision'), start('resultDispatch')],
    ],
    [
      'FAIL_FORM_CHECK: the window and acceptance clocks pause while the applicant corrects',
      'received',
      EVENTS.FAIL_FORM_CHECK,
      [
        {
          type: 'pauseClocks',
          stages: ['forward', 'mailOriginals', 'acceptance'],
          cause: 'correction',
          reason: '户口簿',
        },
      ],
    ],
    [
      'RESUBMIT: the materials, at the resubmission stage; the paused clocks resume',
      'returnedForCorrection',
      { type: 'RESUBMIT', materials: [{ name: '户口簿', form: 'copy', pages: 2 }] },
      [
        {
          type: 'storeMaterials',
          stage: 'resubmit',
          materials: [{ name: '户口簿', form: 'copy', pages: 2 }],
        },
        { type: 'resumeClocks', stages: ['forward', 'mailOriginals', 'acceptance'] },
      ],
    ],
    [
      "REQUEST_SUPPLEMENT at acceptance: its clock pauses, the applicant's starts",
      'forwarded.awaitingAcceptance',
      EVENTS.REQUEST_SUPPLEMENT,
      [
        { type: 'pauseClocks', stages: ['acceptance'], cause: 'supplement', reason: '婚姻状况证明' },
        start('supplement'),
      ],
    ],
    [
      'SUPPLEMENT_RECEIVED: the materials, at the supplement stage; the clocks turn back to the home jurisdiction, the window forwards again',
      'supplementRequested',
      EVENTS.SUPPLEMENT_RECEIVED,
      [
        {
          type: 'storeMaterials',
          stage: 'supplement',
          materials: [{ name: '婚姻状况证明', form: 'original' }],
        },
        stop('supplement'),
        { type: 'resumeClocks', stages: ['acceptance'] },
        start('forward'),
      ],
    ],
    [
      'REQUEST_SUPPLEMENT during review: the decision clock pauses',
      'accepted.processing',
      EVENTS.REQUEST_SUPPLEMENT,
      [
        { type: 'pauseClocks', stages: ['decision'], cause: 'supplement', reason: '婚姻状况证明' },
        start('supplement'),
      ],
    ],
    [
      'SUPPLEMENT_RECEIVED during review: back to review, the decision clock resumes',
      'accepted.supplementRequested',
      EVENTS.SUPPLEMENT_RECEIVED,
      [
        {
          type: 'storeMaterials',
          stage: 'supplement',
          materials: [{ name: '婚姻状况证明', form: 'original' }],
        },
        stop('supplement'),
        { type: 'resumeClocks', stages: ['decision'] },
      ],
    ],
    [
      'EXTEND_TIME_LIMIT: 10 working days more, with the reason (art. 42)',
      'accepted.processing',
      EVENTS.EXTEND_TIME_LIMIT,
      [{ type: 'extendClock', stage: 'decision', workingDays: 10, reason: '需现场核查，经负责人批准' }],
    ],
    [
      'SUSPEND_CLOCK: the decision clock pauses for the hearing (art. 45)',
      'accepted.processing',
      EVENTS.SUSPEND_CLOCK,
      [{ type: 'pauseClocks', stages: ['decision'], cause: 'hearing', reason: '申请人申请听证' }],
    ],
    [
      'RESUME_CLOCK: the decision clock resumes',
      'accepted.suspended',
      EVENTS.RESUME_CLOCK,
      [{ type: 'resumeClocks', stages: ['decision'] }],
    ],
    ['WITHDRAW at the window: transfers cancelled, clocks stopped', 'received', EVENTS.WITHDRAW, withdrawal],
    ['WITHDRAW in transit: the same', 'forwarded.inTransit', EVENTS.WITHDRAW, withdrawal],
    ['WITHDRAW in a parcel: the same', 'forwarded.inParcel', EVENTS.WITHDRAW, withdrawal],
    ['WITHDRAW awaiting check-in: the same', 'forwarded.awaitingCheckIn', EVENTS.WITHDRAW, withdrawal],
  ])('%s', (_, state, event, effects) => {
    // toStrictEqual: exactly these fields, nothing left for a handler to look up in the event.
    expect(stepCase(at(state), event)?.effects).toStrictEqual(effects);
  });

  it("starts the window's clocks and the acceptance clock (if receipt starts it) at receipt", () => {
    const input = {
      requiredMaterials: [],
      materialsHandedIn: [],
      originalsMustTravel: true,
      resultDeliveryMethods: ['mail' as const],
    };
    expect(startCase(input).effects).toStrictEqual([
      { type: 'startClocks', stages: ['forward', 'mailOriginals', 'acceptance'], startingEvent: 'receipt' },
    ]);
    expect(startCase({ ...input, originalsMustTravel: false }).effects).toStrictEqual([
      { type: 'startClocks', stages: ['forward', 'acceptance'], startingEvent: 'receipt' },
    ]);
  });

  it('asks for no effect on the other transitions (assignments and counters stay inside)', () => {
    const effectful = new Set<CaseEventType>([
      'FORWARD',
      'REDISPATCH',
      'DISPATCH_RESULT',
      'TRANSFER_DELIVERED',
      'CHECK_IN',
      'TRANSFER_FAILED',
      'RESULT_DELIVERED',
      'DEEM_ACCEPTED',
      'ACCEPT',
      'REFUSE',
      'APPROVE',
      'DENY',
      'FAIL_FORM_CHECK',
      'RESUBMIT',
      'REQUEST_SUPPLEMENT',
      'SUPPLEMENT_RECEIVED',
      'EXTEND_TIME_LIMIT',
      'SUSPEND_CLOCK',
      'RESUME_CLOCK',
      'WITHDRAW',
    ]);
    for (const [from, type] of TABLE.filter(([, ev]) => !effectful.has(ev))) {
      expect(stepCase(at(from), EVENTS[type])?.effects).toEqual([]);
    }
  });

  it('cancels transfers in transit and stops every clock on every WITHDRAW the machine takes', () => {
    for (const [from] of TABLE.filter(([, ev]) => ev === 'WITHDRAW')) {
      expect(stepCase(at(from), EVENTS.WITHDRAW)?.effects).toStrictEqual(withdrawal);
    }
  });

  it('extends the decision period once only (art. 42)', () => {
    const extended = stepCase(at('accepted.processing'), EVENTS.EXTEND_TIME_LIMIT)!;
    expect(extended.snapshot.context.timeLimitExtended).toBe(true);
    expect(stepCase(extended.snapshot, EVENTS.EXTEND_TIME_LIMIT)).toBeNull();
    expect(explainRefusal(extended.snapshot, EVENTS.EXTEND_TIME_LIMIT)).toBe(
      'the decision period was already extended once (行政许可法 art. 42)',
    );
  });

  it('lets no decision be taken while the decision clock is suspended (art. 45)', () => {
    const suspended = stepCase(at('accepted.processing'), EVENTS.SUSPEND_CLOCK)!;
    expect(allowedEvents(suspended.snapshot).sort()).toEqual(['RESUME_CLOCK', 'WITHDRAW']);
  });
});

describe('guards: each is a rule that also gives the sentence of its refusal', () => {
  const scan = { channel: 'scan' as const, scanDigests: ['a'.repeat(64)] };
  const REFUSALS: [CaseRuleName, State, Partial<CaseContext>, CaseEvent, string][] = [
    [
      'requiredMaterialsPresent',
      'received',
      { materialsHandedIn: [] },
      EVENTS.PASS_FORM_CHECK,
      'required materials missing: 申请表 (original), 居民身份证 (copy)',
    ],
    [
      'channelAllowed',
      'identityVerified',
      { originalsMustTravel: true },
      { type: 'FORWARD', ...scan },
      'the originals of this item must travel: forward by courier',
    ],
    [
      'channelAllowed',
      'transferException',
      { originalsMustTravel: true },
      { type: 'REDISPATCH', ...scan },
      'the originals of this item must travel: forward by courier',
    ],
    [
      'identityAttemptsLeft',
      'formChecked',
      { failedIdentityAttempts: 3 },
      EVENTS.VERIFY_IDENTITY,
      '3 identity checks failed: the case can only be withdrawn',
    ],
    [
      'deliveryMethodAllowed',
      'refused',
      { resultDeliveryMethods: ['mail'] },
      { type: 'DISPATCH_RESULT', method: 'online' },
      'the result of this item goes only by mail',
    ],
    [
      'supplementRequestAllowed',
      'forwarded.awaitingAcceptance',
      { supplementRounds: 1 },
      EVENTS.REQUEST_SUPPLEMENT,
      'everything missing was requested at once before (一次性告知, 行政许可法 第三十二条): ' +
        'a further request needs a reason',
    ],
    [
      'supplementAnswersRequest',
      'supplementRequested',
      { supplementItems: ['户口簿'] },
      EVENTS.SUPPLEMENT_RECEIVED,
      'the supplement must answer each requested item and nothing else; missing: 户口簿; not requested: 婚姻状况证明',
    ],
  ];

  it.each(REFUSALS)(
    '%s in %s: the machine refuses, and the same rule says why',
    (name, state, over, event, sentence) => {
      const refusing = at(state, over);
      expect(CASE_RULES[name].refusal(refusing.context, event)).toBe(sentence);
      expect(CASE_RULES[name].passes(refusing.context, event)).toBe(false);
      expect(stepCase(refusing, event)).toBeNull();
      expect(explainRefusal(refusing, event)).toBe(sentence);
      // Without the override the rule passes and the machine takes the event.
      expect(CASE_RULES[name].refusal(at(state).context, event)).toBeNull();
      expect(CASE_RULES[name].passes(at(state).context, event)).toBe(true);
      expect(takesEvent(at(state), event)).toBe(true);
    },
  );

  it("uses each rule's own predicate as the machine's guard of that name", () => {
    const guards = caseMachine.implementations.guards as Record<string, unknown>;
    for (const name of Object.keys(CASE_RULES) as CaseRuleName[]) {
      expect(guards[name]).toBe(RULE_GUARDS[name]);
    }
  });

  it('puts every rule on exactly the events it judges, and has no guard outside the rules but those that only route', () => {
    type Node = { states: Record<string, Node>; transitions: Map<string, { guard?: unknown }[]> };
    const guarded = new Map<string, Set<string>>();
    const walk = (node: Node): void => {
      for (const [type, transitions] of node.transitions) {
        for (const { guard } of transitions) {
          if (typeof guard !== 'string') continue;
          guarded.set(guard, new Set([...(guarded.get(guard) ?? []), type]));
        }
      }
      Object.values(node.states).forEach(walk);
    };
    walk(caseMachine.root);
    // identityPassed, byCourier and allOriginalsReceived refuse nothing: each has a fallback transition.
    const routing = {
      identityPassed: ['VERIFY_IDENTITY'],
      byCourier: ['FORWARD', 'REDISPATCH'],
      allOriginalsReceived: ['CHECK_IN'],
    };
    expect([...guarded.keys()].sort()).toEqual([...Object.keys(CASE_RULES), ...Object.keys(routing)].sort());
    for (const [name, events] of Object.entries(routing))
      expect([...guarded.get(name)!].sort()).toEqual(events.sort());
    for (const [name, rule] of Object.entries(CASE_RULES)) {
      expect([...guarded.get(name)!].sort()).toEqual([...rule.events].sort());
    }
  });

  it('lets a passed identity check through only while attempts are left (identityPassed refuses nothing)', () => {
    const exhausted = at('formChecked', { failedIdentityAttempts: 3 });
    expect(stepCase(exhausted, EVENTS.VERIFY_IDENTITY)).toBeNull();
    const failed: CaseEvent = { type: 'VERIFY_IDENTITY', method: 'face', passed: false };
    expect(stepCase(exhausted, failed)).toBeNull();
    expect(explainRefusal(exhausted, failed)).toBe(
      '3 identity checks failed: the case can only be withdrawn',
    );
    expect(explainRefusal(at('formChecked'), EVENTS.VERIFY_IDENTITY)).toBeNull();
  });
});
