import type { CaseView, ClockView, TrackingView } from '@app/cases';
import { PARCEL_LEG_LABELS, TRACKING_LABELS } from '@app/cases';
import { clockStageLabel, PARTY_LABELS, partyLabel, partyOf } from '@app/workflow';

/** One step of the applicant's timeline as the page shows it: when, what, who, and the state after it. */
export interface TimelineStep {
  at: Date;
  label: string;
  /** The department that took the step (the window's or home jurisdiction's name, 寄递企业, 申请人). */
  department: string;
  /** The state the case was in after the step; '' for a carrier's leg (no state change). */
  stateLabel: string;
}

/** A parcel that carried the applicant's papers or result: which way, the waybill, the carrier's last word. */
export interface WaybillRow {
  leg: string;
  waybillNumber: string;
  carrier: string;
  lastStatus: string;
  lastAt: Date | null;
}

/** A step still to come, from a running or paused clock of the case: what, who, and by when it is expected. */
export interface ExpectedStep {
  /** The clock's stage as people read it (CLOCK_STAGE_LABELS: 受理, 审查决定, 申请人补正, 结果送达, …). */
  label: string;
  department: string;
  /** The Beijing day the step is due by (`2026-12-08`), the clock's due day; null while its clock is paused. */
  dueOn: string | null;
  /** The due day rests on a provisional calendar year: it may still move. */
  provisional: boolean;
}

/** What of the case beyond its tracking view the page reads: the applicant's own CaseView (getCase). */
export type ApplicantCaseFacts = Pick<CaseView, 'parcels' | 'clocks' | 'allowedEvents' | 'version'>;

/** What the applicant's case page shows. */
export interface ApplicantCasePage {
  /** The tracking view: personal data masked. */
  view: TrackingView;
  steps: TimelineStep[];
  /** The steps to come, soonest due first (paused ones last). */
  expected: ExpectedStep[];
  /** The day the requested supplement is due by (the applicant's `supplement` clock), or null. */
  supplementDueOn: string | null;
  waybills: WaybillRow[];
  /** Whether the machine lets the applicant withdraw now (WITHDRAW among the applicant's allowed events). */
  canWithdraw: boolean;
  /** The case's version the page was rendered with: a withdrawal sends it back (expectedVersion). */
  version: number;
}

/**
 * The applicant's case page from the tracking view (CaseQueryService.track: personal data already
 * masked) and the applicant's own view of the case (`facts`: its parcels, clocks, allowed events,
 * version). The steps to come are the clocks still running or paused, each with its party's
 * department and its due day (Beijing); a rectification clock (差评整改) included, as the
 * applicant's complaint is what it answers. Each step is credited to the party that held the case
 * when it was taken, that is the party of the state before it (`partyOf`; the first step, the
 * window's receipt, to the window), except that while a carrier holds the papers only a transfer's
 * delivery or failure is the carrier's (a check-in is the party's the case passes to); a carrier's
 * leg to 寄递企业. The archive leg is the offices' own
 * and left out, as the tracking view does.
 */
export function applicantCasePage(view: TrackingView, facts: ApplicantCaseFacts): ApplicantCasePage {
  const department = (party: string | null | undefined): string => {
    if (party === 'window') return view.window;
    if (party === 'homeJurisdiction') return view.homeJurisdiction;
    return party ? partyLabel(party) : '';
  };
  let before: string | null = null;
  const steps = view.timeline.map((entry): TimelineStep => {
    if (entry.type === 'TRACKING') {
      return { at: entry.at, label: entry.label, department: PARTY_LABELS.courier, stateLabel: '' };
    }
    const holder = before === null ? 'window' : partyOf(before);
    // While a carrier holds the papers only its own delivery or failure is its step; the check-in
    // (签收) is the home jurisdiction's, the party the case passes to.
    const by = holder === 'courier' && !entry.type.startsWith('TRANSFER_') ? partyOf(entry.state) : holder;
    before = entry.state;
    return { at: entry.at, label: entry.label, department: department(by), stateLabel: entry.stateLabel };
  });
  const waybills = facts.parcels
    .filter((p) => p.leg !== 'archive' && p.waybillNumber)
    .map((p): WaybillRow => {
      const last = p.legs.at(-1);
      return {
        leg: PARCEL_LEG_LABELS[p.leg],
        waybillNumber: p.waybillNumber as string,
        carrier: p.carrier ?? '',
        lastStatus: last ? TRACKING_LABELS[last.status] : '待揽收',
        lastAt: last?.at ?? null,
      };
    });
  const open = facts.clocks.filter((c) => c.status === 'running' || c.status === 'paused');
  const expected = [...open].sort(soonestFirst).map((c): ExpectedStep => ({
    label: clockStageLabel(c.stage),
    department: department(c.party),
    dueOn: c.status === 'running' ? c.dueDate : null,
    provisional: c.provisional,
  }));
  const supplement = open.find((c) => c.stage === 'supplement' && c.status === 'running');
  return {
    view,
    steps,
    expected,
    supplementDueOn: supplement?.dueDate ?? null,
    waybills,
    canWithdraw: facts.allowedEvents.includes('WITHDRAW'),
    version: facts.version,
  };
}

/** Running clocks by due day (a day is `YYYY-MM-DD`: text order is day order), paused ones after them. */
function soonestFirst(a: ClockView, b: ClockView): number {
  const day = (c: ClockView) => (c.status === 'running' && c.dueDate ? c.dueDate : '9999-12-31');
  return day(a).localeCompare(day(b));
}
