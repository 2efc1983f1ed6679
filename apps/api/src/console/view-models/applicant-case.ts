import type { CaseParcelView, TrackingView } from '@app/cases';
import { PARCEL_LEG_LABELS, TRACKING_LABELS } from '@app/cases';
import { PARTY_LABELS, partyOf, type Party } from '@app/workflow';

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

/** What the applicant's case page shows: the tracking view (masked), the steps with departments, the waybills. */
export interface ApplicantCasePage {
  view: TrackingView;
  steps: TimelineStep[];
  waybills: WaybillRow[];
}

/**
 * The applicant's case page from the tracking view (CaseQueryService.track: personal data already
 * masked) and the case's parcels (custodyOf). Each step is credited to the party that held the case
 * when it was taken, that is the party of the state before it (`partyOf`; the first step, the
 * window's receipt, to the window), except that while a carrier holds the papers only a transfer's
 * delivery or failure is the carrier's (a check-in is the party's the case passes to); a carrier's
 * leg to 寄递企业. The archive leg is the offices' own
 * and left out, as the tracking view does.
 */
export function applicantCasePage(view: TrackingView, parcels: CaseParcelView[]): ApplicantCasePage {
  const department = (party: Party | null | undefined): string => {
    if (party === 'window') return view.window;
    if (party === 'homeJurisdiction') return view.homeJurisdiction;
    return party ? PARTY_LABELS[party] : '';
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
  const waybills = parcels
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
  return { view, steps, waybills };
}
