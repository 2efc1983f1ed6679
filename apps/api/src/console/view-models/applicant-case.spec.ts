import type { CaseParcelView, ClockView, TrackingView } from '@app/cases';
import { applicantCasePage, type ApplicantCaseFacts } from './applicant-case';
import { beijingDay, beijingMinute } from './view-helpers';

const at = (iso: string) => new Date(iso);

/** A tracking view with `timeline` (the rest as CaseQueryService.track writes it, invented). */
const view = (timeline: TrackingView['timeline']) =>
  ({
    window: '舟山市定海区政务服务中心',
    homeJurisdiction: '上海市浦东新区司法局',
    timeline,
  }) as TrackingView;

/** The applicant's facts of a case: `parcels`, `clocks`, `allowedEvents`, version 7. */
const facts = (over: Partial<ApplicantCaseFacts> = {}): ApplicantCaseFacts => ({
  parcels: [],
  clocks: [],
  allowedEvents: [],
  version: 7,
  ...over,
});

/** A clock of `stage` charged to `party`: running to `dueDate`, or paused (dueDate null). */
const clock = (stage: string, party: string, status: ClockView['status'], dueDate: string | null) =>
  ({ stage, party, status, dueDate, provisional: false }) as ClockView;

const entry = (type: string, state: string, iso: string, label = type) => ({
  type,
  label,
  state,
  stateLabel: state ? `${state} label` : '',
  at: at(iso),
});

describe('applicantCasePage', () => {
  it("credits each step to the party holding the case before it, and a carrier's leg to 寄递企业", () => {
    const page = applicantCasePage(
      view([
        entry('RECEIVE', 'received', '2026-12-01T01:00:00Z'),
        entry('PASS_FORM_CHECK', 'formChecked', '2026-12-01T01:10:00Z'),
        entry('VERIFY_IDENTITY', 'identityVerified', '2026-12-01T01:20:00Z'),
        entry('FORWARD', 'forwarded.inParcel', '2026-12-01T01:30:00Z'),
        entry('TRACKING', '', '2026-12-01T05:00:00Z', '快递已送达'),
        entry('TRANSFER_DELIVERED', 'forwarded.awaitingCheckIn', '2026-12-01T05:00:01Z'),
        entry('CHECK_IN', 'forwarded.awaitingAcceptance', '2026-12-01T06:00:00Z'),
        entry('ACCEPT', 'accepted.processing', '2026-12-01T07:00:00Z'),
      ]),
      facts(),
    );
    expect(page.steps.map((s) => [s.label, s.department])).toEqual([
      ['RECEIVE', '舟山市定海区政务服务中心'],
      ['PASS_FORM_CHECK', '舟山市定海区政务服务中心'],
      ['VERIFY_IDENTITY', '舟山市定海区政务服务中心'],
      ['FORWARD', '舟山市定海区政务服务中心'],
      ['快递已送达', '寄递企业'],
      ['TRANSFER_DELIVERED', '寄递企业'],
      ['CHECK_IN', '上海市浦东新区司法局'],
      ['ACCEPT', '上海市浦东新区司法局'],
    ]);
    expect(page.steps[4].stateLabel).toBe('');
  });

  it('credits a check-in of a parcel still with the carrier to the home jurisdiction', () => {
    const page = applicantCasePage(
      view([
        entry('FORWARD', 'forwarded.inParcel', '2026-12-01T01:30:00Z'),
        entry('CHECK_IN', 'forwarded.awaitingAcceptance', '2026-12-01T06:00:00Z'),
      ]),
      facts(),
    );
    expect(page.steps.map((s) => s.department)).toEqual(['舟山市定海区政务服务中心', '上海市浦东新区司法局']);
  });

  it('lists the waybills of the materials and result legs with their last word, never the archive leg', () => {
    const parcel = (leg: CaseParcelView['leg'], waybillNumber: string, legs: CaseParcelView['legs']) =>
      ({ leg, waybillNumber, carrier: '顺丰速运', legs }) as CaseParcelView;
    const page = applicantCasePage(
      view([]),
      facts({
        parcels: [
          parcel('materials', 'SF1001', [
            { status: 'collected', at: at('2026-12-01T02:00:00Z'), location: '舟山', signedBy: null },
            { status: 'delivered', at: at('2026-12-01T05:00:00Z'), location: '上海', signedBy: null },
          ]),
          parcel('archive', 'SF1002', []),
          parcel('result', 'SF1003', []),
        ],
      }),
    );
    expect(page.waybills).toEqual([
      {
        leg: '材料原件寄往业务属地部门',
        waybillNumber: 'SF1001',
        carrier: '顺丰速运',
        lastStatus: '快递已送达',
        lastAt: at('2026-12-01T05:00:00Z'),
      },
      {
        leg: '办理结果寄往申请人',
        waybillNumber: 'SF1003',
        carrier: '顺丰速运',
        lastStatus: '待揽收',
        lastAt: null,
      },
    ]);
  });
});

describe('applicantCasePage: what comes next', () => {
  it('lists the open clocks as steps to come, soonest due first, each with its department; paused last, stopped never', () => {
    const page = applicantCasePage(
      view([]),
      facts({
        clocks: [
          clock('forward', 'window', 'met', '2026-12-02'),
          clock('acceptance', 'homeJurisdiction', 'paused', null),
          clock('supplement', 'applicant', 'running', '2026-12-15'),
          clock('rectification', 'window', 'running', '2026-12-09'),
        ],
      }),
    );
    expect(page.expected.map((e) => [e.label, e.department, e.dueOn])).toEqual([
      ['差评整改', '舟山市定海区政务服务中心', '2026-12-09'],
      ['申请人补正', '申请人', '2026-12-15'],
      ['受理', '上海市浦东新区司法局', null],
    ]);
    expect(page.supplementDueOn).toBe('2026-12-15');
  });

  it('offers withdrawal only when the machine allows the applicant WITHDRAW, and keeps the version', () => {
    expect(applicantCasePage(view([]), facts({ allowedEvents: ['WITHDRAW'] }))).toMatchObject({
      canWithdraw: true,
      version: 7,
      supplementDueOn: null,
    });
    expect(applicantCasePage(view([]), facts()).canWithdraw).toBe(false);
  });
});

describe('console times', () => {
  it('writes instants in Beijing time to the minute, whatever the zone of the process', () => {
    expect(beijingMinute(at('2026-12-31T16:05:59Z'))).toBe('2027-01-01 00:05');
    expect(beijingMinute('2026-12-01T14:05:00.000+08:00')).toBe('2026-12-01 14:05');
    expect(beijingDay(at('2026-12-31T16:05:00Z'))).toBe('2027-01-01');
    expect(beijingMinute(null)).toBe('');
  });
});
