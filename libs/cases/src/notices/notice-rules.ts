import type { ResultDeliveryMethod } from '@app/workflow';
import type { HistoryEntryType } from '../case.repository';
import {
  acceptedText,
  decidedText,
  dispatchedText,
  forwardedText,
  papersArrivedText,
  extendedText,
  receivedText,
  supplementText,
  suspendedText,
  withdrawnText,
} from './notice-texts';

/** What a notice tells of; stored in `notices.kind`. */
export type NoticeKind =
  | 'received'
  | 'forwarded'
  | 'accepted'
  | 'supplementRequested'
  | 'suspended'
  | 'extended'
  | 'decided'
  | 'dispatched'
  | 'withdrawn'
  | 'papersArrived'
  | 'clockWarned'
  | 'clockOverdue';

/** Who a case change is told to: the applicant (SMS to the case's phone), or the home jurisdiction (e-mail). */
export type NoticeAudience = 'applicant' | 'homeJurisdiction';

/** A change of a case as a rule reads it: the case, and its history row's payload and time. */
export interface CaseChange {
  caseNumber: string;
  /** The case's item code (applications.item_code). */
  itemCode: string;
  /** The history row's payload (the event without its type, or RECEIVE's facts). */
  payload: Record<string, any>;
  /** When the change happened (the history row's occurred_at). */
  at: Date;
}

/** Who is told of a change, what kind of notice it is, and its text. */
export interface NoticeRule {
  audience: NoticeAudience;
  kind: NoticeKind;
  text(change: CaseChange): string;
}

const applicant = (kind: NoticeKind, text: (c: CaseChange) => string): NoticeRule => ({
  audience: 'applicant',
  kind,
  text,
});

/**
 * Who is told of each kind of history row (issue 12 item 5), or null for a change nobody is told
 * of (the window's own steps, a scan, an evaluation). The compiler asks for every type: a new
 * event of the machine needs its line here.
 */
export const NOTICE_RULES: { readonly [T in HistoryEntryType]: NoticeRule | null } = {
  RECEIVE: applicant('received', (c) => receivedText(c.caseNumber, c.at)),
  PASS_FORM_CHECK: null,
  FAIL_FORM_CHECK: null,
  RESUBMIT: null,
  VERIFY_IDENTITY: null,
  FORWARD: applicant('forwarded', (c) => forwardedText(c.caseNumber, c.at)),
  TRANSFER_DELIVERED: {
    audience: 'homeJurisdiction',
    kind: 'papersArrived',
    text: (c) => papersArrivedText(c.caseNumber, c.itemCode, c.at),
  },
  // The officer checked the papers in: they know; the applicant hears of the acceptance next.
  CHECK_IN: null,
  TRANSFER_FAILED: null,
  REDISPATCH: applicant('forwarded', (c) => forwardedText(c.caseNumber, c.at)),
  ACCEPT: applicant('accepted', (c) => acceptedText(c.caseNumber, c.at, false)),
  DEEM_ACCEPTED: applicant('accepted', (c) => acceptedText(c.caseNumber, c.at, true)),
  REQUEST_SUPPLEMENT: applicant('supplementRequested', (c) =>
    supplementText(c.caseNumber, c.at, c.payload.items as string[], c.payload.note as string | undefined),
  ),
  // The applicant is told in writing why the decision waits (art. 45) and why it takes longer (art. 42).
  SUSPEND_CLOCK: applicant('suspended', (c) => suspendedText(c.caseNumber, c.at, String(c.payload.reason))),
  RESUME_CLOCK: null,
  EXTEND_TIME_LIMIT: applicant('extended', (c) => extendedText(c.caseNumber, c.at, String(c.payload.reason))),
  SUPPLEMENT_RECEIVED: null,
  REFUSE: applicant('decided', (c) =>
    decidedText(c.caseNumber, c.at, { outcome: 'refused', ...reasonOf(c.payload) }),
  ),
  APPROVE: applicant('decided', (c) => decidedText(c.caseNumber, c.at, { outcome: 'approved' })),
  DENY: applicant('decided', (c) =>
    decidedText(c.caseNumber, c.at, { outcome: 'denied', ...reasonOf(c.payload) }),
  ),
  DISPATCH_RESULT: applicant('dispatched', (c) =>
    dispatchedText(c.caseNumber, c.at, {
      method: c.payload.method as ResultDeliveryMethod,
      waybillNumber: c.payload.waybillNumber as string | undefined,
    }),
  ),
  RESULT_DELIVERED: null,
  // Whether the applicant asked for it or the system deemed it (an expired supplement), the case ends
  // without a decision: the applicant is told, with the reason.
  WITHDRAW: applicant('withdrawn', (c) => withdrawnText(c.caseNumber, c.at, String(c.payload.reason))),
  SCAN_UPLOADED: null,
  EVALUATED: null,
  CLOCKS_RECOMPUTED: null,
  RECTIFIED: null,
  CLAIMED: null,
  RELEASED: null,
  REASSIGNED: null,
};

/** A REFUSE's or DENY's reason and legal basis, both strings in the event (case.events.ts). */
const reasonOf = (p: Record<string, any>) => ({
  reason: p.reason as string,
  legalBasis: p.legalBasis as string | undefined,
});
