/**
 * The events of a proxy-acceptance case and who may send them (DESIGN.md, event table).
 *
 * Payloads carry only what the machine or the audit trail needs; where a payload field is
 * written into the case's records (materials, waybills, results) the service layer does it.
 */

/**
 * Who sends an event. `system` is a queue processor (transfer, delivery) or the clock sweep (deemed
 * acceptance, deemed withdrawal).
 */
export type ActorRole = 'clerk' | 'officer' | 'applicant' | 'supervisor' | 'system';

/** Transfer channel (转递方式): courier carries paper originals in a parcel, scan sends hashed scans. */
export type TransferChannel = 'courier' | 'scan';

/** How a result or a refusal notice reaches the applicant (寄递纸质结果 / 网络送达). */
export const RESULT_DELIVERY_METHODS = ['mail', 'online'] as const;
export type ResultDeliveryMethod = (typeof RESULT_DELIVERY_METHODS)[number];

/**
 * The forms a material can be in: 原件 (original), 核证副本 (certifiedCopy: a copy certified true by
 * its issuer or a notary, 加盖公章 / 公证), 复印件 (copy) or an electronic file. Strongest first.
 */
export const MATERIAL_FORMS = ['original', 'certifiedCopy', 'copy', 'electronic'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

/** A material handed in at the window, named as in the item's checklist. */
export interface MaterialIn {
  name: string;
  form: MaterialForm;
  pages?: number;
  /**
   * For a copy: the clerk checked it against the original shown (原件核验). Only the fact comes from
   * the client; who and when are the acting clerk and the server's time, recorded with the material.
   */
  checkedAgainstOriginal?: boolean;
}

export interface TransferOrder {
  channel: TransferChannel;
  /** Courier waybill number (运单号); required for courier. */
  waybillNumber?: string;
  /** SHA-256 hex digests of scans uploaded for the case; for scan, omitted means all of them. */
  scanDigests?: string[];
  /**
   * Courier only: the parcel (材料交接单) the case travels in, set by the seal of a parcel packed with
   * several cases; absent, the case travels alone in a parcel of its own under `waybillNumber`.
   */
  parcelId?: string;
}

/** How an original fared at check-in (签收) against the manifest: there, not there, or damaged. */
export const CHECK_IN_OUTCOMES = ['received', 'missing', 'damaged'] as const;
export type CheckInOutcome = (typeof CHECK_IN_OUTCOMES)[number];

/** One original of the manifest as the officer checked it in. */
export interface OriginalCheckedIn {
  /** The material's name, as the manifest lists it. */
  name: string;
  outcome: CheckInOutcome;
  /** What is wrong with it (missing pages, water damage), for a discrepancy. */
  note?: string;
}

/**
 * What may suspend the decision clock (行政许可法 art. 45: 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审
 * 的时间不计算在期限内), as the officer names it.
 */
export const CLOCK_SUSPENSION_KINDS = ['hearing', 'inspection', 'testing', 'expertReview'] as const;
export type ClockSuspensionKind = (typeof CLOCK_SUSPENSION_KINDS)[number];

export type CaseEvent =
  | { type: 'PASS_FORM_CHECK' }
  | { type: 'FAIL_FORM_CHECK'; missing: string[]; note?: string }
  | { type: 'RESUBMIT'; materials: MaterialIn[] }
  | { type: 'VERIFY_IDENTITY'; method: string; passed: boolean }
  | ({ type: 'FORWARD' } & TransferOrder)
  | { type: 'TRANSFER_DELIVERED'; transferId: string }
  | {
      type: 'CHECK_IN';
      /** The parcel checked in (签收), and the case's transfer in it. */
      parcelId: string;
      transferId: string;
      /** Every original of the case's manifest line, each as found. */
      originals: OriginalCheckedIn[];
    }
  | { type: 'TRANSFER_FAILED'; transferId: string; reason: string }
  | ({ type: 'REDISPATCH' } & TransferOrder)
  | { type: 'ACCEPT' }
  | {
      type: 'DEEM_ACCEPTED';
      /** The acceptance clock whose due moment passed (the sweep sends it); before version 6 a transfer id. */
      clockId: string;
    }
  | {
      type: 'REQUEST_SUPPLEMENT';
      items: string[];
      note: string;
      /** Required for a request after the first (一次性告知): why the supplement itself falls short. */
      reason?: string;
    }
  | { type: 'SUPPLEMENT_RECEIVED'; materials: MaterialIn[] }
  | { type: 'REFUSE'; reason: string; legalBasis: string }
  | { type: 'APPROVE'; result: { documentType: string; documentNumber: string; eLicenceId?: string } }
  | { type: 'DENY'; reason: string; legalBasis: string }
  | {
      type: 'EXTEND_TIME_LIMIT';
      /** Why the decision needs longer (行政许可法 art. 42: 经本行政机关负责人批准, with the reason told to the applicant). */
      reason: string;
    }
  | {
      type: 'SUSPEND_CLOCK';
      /** What the decision waits for (art. 45): hearing, inspection, testing or expert review. */
      kind: ClockSuspensionKind;
      reason: string;
    }
  | { type: 'RESUME_CLOCK'; note?: string }
  | { type: 'DISPATCH_RESULT'; method: ResultDeliveryMethod; waybillNumber?: string }
  | {
      type: 'RESULT_DELIVERED';
      transferId: string;
      /** By mail: the name the recipient signed for the result with (签收人), as the carrier reports it. */
      signedBy?: string;
    }
  | { type: 'WITHDRAW'; reason: string };

export type CaseEventType = CaseEvent['type'];

/**
 * Who may send each event (DESIGN.md table, column "sent by"). The role is checked before the
 * machine sees the event; `system` events come only from queue processors, never over HTTP.
 */
export const EVENT_SENDERS: Readonly<Record<CaseEventType, readonly ActorRole[]>> = {
  PASS_FORM_CHECK: ['clerk'],
  FAIL_FORM_CHECK: ['clerk'],
  RESUBMIT: ['clerk'],
  VERIFY_IDENTITY: ['clerk'],
  FORWARD: ['clerk'],
  TRANSFER_DELIVERED: ['system'],
  CHECK_IN: ['officer'],
  TRANSFER_FAILED: ['system'],
  REDISPATCH: ['clerk'],
  ACCEPT: ['officer'],
  DEEM_ACCEPTED: ['system'],
  REQUEST_SUPPLEMENT: ['officer'],
  SUPPLEMENT_RECEIVED: ['clerk'],
  REFUSE: ['officer'],
  APPROVE: ['officer'],
  DENY: ['officer'],
  EXTEND_TIME_LIMIT: ['officer'],
  SUSPEND_CLOCK: ['officer'],
  RESUME_CLOCK: ['officer'],
  DISPATCH_RESULT: ['officer'],
  RESULT_DELIVERED: ['system'],
  WITHDRAW: ['clerk', 'applicant', 'system'],
};

/** Every event type, in the order of DESIGN's table. */
export const CASE_EVENT_TYPES = Object.keys(EVENT_SENDERS) as CaseEventType[];

/** True when `role` may send `type`. */
export function maySend(role: ActorRole, type: CaseEventType): boolean {
  return EVENT_SENDERS[type].includes(role);
}
