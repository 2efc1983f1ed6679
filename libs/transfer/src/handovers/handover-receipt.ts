/**
 * The hand-overs of 收办分离 custody (DESIGN "Papers (custody)", issue 13 item 7), each a change of
 * who holds the papers: the window hands a parcel to the courier, the courier to the home
 * jurisdiction (its check-in, 签收), the home jurisdiction the result to the applicant, the window the
 * originals it kept to the archive leg, and the home jurisdiction checks the archived originals in.
 */
export const HANDOVER_KINDS = [
  'windowToCourier',
  'courierToJurisdiction',
  'jurisdictionToApplicant',
  'windowToArchive',
  'archiveCheckIn',
] as const;

/** One kind of hand-over (HANDOVER_KINDS). */
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

/** What each hand-over is called on paper and on screen. */
export const HANDOVER_KIND_LABELS: Record<HandoverKind, string> = {
  windowToCourier: '收件窗口交寄',
  courierToJurisdiction: '业务属地部门签收',
  jurisdictionToApplicant: '办理结果送达申请人',
  windowToArchive: '收件窗口移交原件归档',
  archiveCheckIn: '归档原件签收',
};

/** Who takes part in a hand-over: a receiving window, a home jurisdiction, the courier, the applicant. */
export type HandoverPartyKind = 'window' | 'jurisdiction' | 'courier' | 'applicant';

/** The parties that hold a signing key: a receiving window and a home jurisdiction. */
export const SIGNING_PARTY_KINDS = ['window', 'jurisdiction'] as const;

/** A party that holds a signing key (SIGNING_PARTY_KINDS). */
export type SigningPartyKind = (typeof SIGNING_PARTY_KINDS)[number];

/** What each party is called. */
export const HANDOVER_PARTY_LABELS: Record<HandoverPartyKind, string> = {
  window: '收件窗口',
  jurisdiction: '业务属地部门',
  courier: '寄递企业',
  applicant: '申请人',
};

/**
 * One side of a hand-over: a window or jurisdiction by its code, the courier by its company's code
 * (e.g. `SF`), the applicant by the case number (never a name or an ID number: the receipt is a file
 * that travels).
 */
export interface HandoverParty {
  kind: HandoverPartyKind;
  code: string;
  name?: string;
}

/** The party whose key signed a receipt, and which of its keys (a key id of `signing_keys`). */
export interface HandoverSignerRef {
  kind: SigningPartyKind;
  code: string;
  keyId: string;
}

/**
 * What a hand-over receipt says and its signature covers (its canonical JSON): which hand-over, from
 * whom to whom, which parcel and waybill, which cases, the SHA-256 of the manifest's canonical JSON
 * (the manifest itself stays with the parcel), when (an ISO 8601 instant, UTC) and whose key signed.
 */
export interface HandoverReceiptBody {
  /** A UUID: the receipt's id in `handover_receipts` and the name of its file. */
  receiptId: string;
  kind: HandoverKind;
  from: HandoverParty;
  to: HandoverParty;
  parcelNumber?: string;
  waybillNumber?: string;
  /** The case numbers of the cases handed over, as printed on their receipts. */
  caseNumbers: string[];
  /** 64 lowercase hex. */
  manifestSha256: string;
  signedAt: string;
  signer: HandoverSignerRef;
}
