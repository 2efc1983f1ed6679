/**
 * The view models the renderers take: everything a document prints, already decided (masking,
 * dates, which notice applies). Dates are Beijing calendar days written `yyyy-mm-dd`; instants are
 * Dates, printed in Beijing time by the renderer. Assembled for a case by libs/cases
 * (`DocumentViews`); the manifest by the parcel code.
 */

/** A material as a document lists it: its checklist name, its form and, when counted, its pages. */
export interface DocumentMaterial {
  name: string;
  /** `original` (原件), `certifiedCopy` (核验复印件), `copy` (复印件), `electronic` (电子材料); another value prints as it is. */
  form: string;
  pages: number | null;
}

/** What every case document names: the case, the item, the applicant as the reader may see them, the two offices. */
export interface CaseDocumentHead {
  caseNumber: string;
  item: { code: string; name: string };
  /** The applicant's name: in full, or masked (`王**`) where the reader may not see it (policy readApplicantPii). */
  applicantName: string;
  /** Always masked on paper (`3309**********215X`). */
  applicantIdNumber: string;
  window: { code: string; name: string };
  homeJurisdiction: { code: string; name: string };
  /**
   * Where the applicant follows the case (进度查询): the api's tracking address for this case,
   * `${PUBLIC_BASE_URL}/api/v1/track/<caseNumber>`; printed and encoded in the QR code.
   */
  trackingUrl: string;
  /** When the document was produced (printed in Beijing time in the footer and the PDF's metadata). */
  issuedAt: Date;
}

/** 收件回执 (acknowledgement receipt): what the applicant takes home from the window. */
export interface AcknowledgementView extends CaseDocumentHead {
  /**
   * The six-digit query code when the caller proved it (the clerk printing right after receipt,
   * or the applicant who typed it); null: printed masked, with a note that it is on the first receipt.
   */
  queryCode: string | null;
  /** When the window received the case (printed in Beijing time). */
  receivedAt: Date;
  /** The clerk who received it (their account name). */
  clerk: string;
  materials: DocumentMaterial[];
  /**
   * The promised date (承诺办结日期, Beijing day) and how it was found: the decision clock's due day
   * once it runs (`decisionClock`), else an estimate from the receipt day over the item's promised
   * (承诺) or statutory limit (`estimate`); null when no date can be given (a paused clock).
   */
  promised: { date: string; workingDays: number; basis: 'decisionClock' | 'estimate' } | null;
}

/** 一次性告知书 (one-time notice): every material missing or defective, listed at once (行政许可法 art. 32 (4)). */
export interface OneTimeNoticeView extends CaseDocumentHead {
  /** `correction`: the window's form check (FAIL_FORM_CHECK); `supplement`: the home jurisdiction's request (REQUEST_SUPPLEMENT). */
  kind: 'correction' | 'supplement';
  /** The day the notice was issued (the event's Beijing day). */
  issuedOn: string;
  items: string[];
  note: string | null;
  /** The last day to hand in the supplement (the supplement clock's due day); null where no clock runs. */
  deadline: string | null;
}

/** 不予受理通知书 (refusal notice), with the reason, the legal basis and the applicant's remedies (行政许可法 art. 38). */
export interface RefusalNoticeView extends CaseDocumentHead {
  refusedOn: string;
  reason: string;
  legalBasis: string;
}

/** 受理通知书 (acceptance notice): the day accepted and when the decision is due. */
export interface AcceptanceNoticeView extends CaseDocumentHead {
  acceptedOn: string;
  /** True when the case was deemed accepted (DEEM_ACCEPTED, art. 32: no answer within five working days). */
  deemed: boolean;
  /** The decision clock's due day and its working days (budget plus extension); dueDate null while it is paused. */
  decision: { dueDate: string | null; workingDays: number; provisional: boolean } | null;
}

/** One original (or other material) in a parcel, as the manifest lists it. */
export interface ManifestOriginal {
  name: string;
  pages: number | null;
  form: string;
}

/**
 * 材料交接单 (manifest) of a parcel: what travels from one office to another, case by case and
 * original by original, with lines for the hand-over and the check-in signatures. Built by the parcel code.
 */
export interface ManifestView {
  parcelNumber: string;
  waybillNumber: string | null;
  /** `materials`: window → home jurisdiction; `result`: home jurisdiction → applicant; `archive`: window → home jurisdiction after conclusion (归档). */
  leg: 'materials' | 'result' | 'archive';
  from: { code: string; name: string };
  to: { code: string; name: string };
  sealedAt: Date | null;
  cases: { caseNumber: string; itemName: string; originals: ManifestOriginal[] }[];
  /** SHA-256 (hex) of the manifest as signed in the hand-over receipt, printed for checking. */
  manifestSha256?: string;
}
