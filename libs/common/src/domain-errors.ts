/**
 * The refusals the domain answers with. Libraries throw these, never an HTTP exception: the api's
 * one exception filter maps each kind to its status and writes `{ statusCode, error, message,
 * details }` from `message` and `details` unchanged; the worker and the CLI match them by class and
 * by `reason`, never by their text.
 *
 * Each class is one kind of refusal; its `reason` is one of a closed list (a typo does not compile),
 * and `details` is what the caller is told beyond the message (the field named, the allowed events,
 * the version expected, ...), exactly as the api writes it.
 */

/** The kinds of refusal; the api gives each one HTTP status. */
export type DomainErrorKind =
  | 'invalid_input'
  | 'not_authenticated'
  | 'not_allowed'
  | 'not_found'
  | 'conflict'
  | 'unsupported_content'
  | 'request_mismatch'
  | 'unavailable';

/** A refusal of the domain: a kind (its class), a typed reason, a message and details for the caller. */
export abstract class DomainError<R extends string = string> extends Error {
  /** The kind of refusal; one per class. */
  abstract readonly kind: DomainErrorKind;

  /**
   * @param reason why, one of the class's reasons: what code matches on
   * @param message the sentence the caller reads
   * @param details what the caller is told beyond the message, written as is (absent: none)
   */
  constructor(
    readonly reason: R,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One field of a request, named in `details: [{ field, message }]`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The input is wrong (a field, a file, a header); nothing was written. */
export class InvalidInput extends DomainError<'invalid_field'> {
  readonly kind = 'invalid_input';
  constructor(message: string, details: FieldProblem[]) {
    super('invalid_field', message, details);
  }
}

/** Why a caller is not recognised. */
export type NotAuthenticatedReason = 'credentials_refused' | 'token_refused';

/** The caller is not recognised: a wrong password, a token not accepted. */
export class NotAuthenticated extends DomainError<NotAuthenticatedReason> {
  readonly kind = 'not_authenticated';
}

/** Why a recognised caller may not do something. */
export type NotAllowedReason = 'role' | 'not_your_window' | 'own_account';

/** The caller is known but may not do this (their role, their window, their own account). */
export class NotAllowed extends DomainError<NotAllowedReason> {
  readonly kind = 'not_allowed';
}

/** What was not found. */
export type NotFoundReason =
  'case' | 'account' | 'service_item' | 'statistics_table' | 'parcel' | 'handover_receipt' | 'document';

/** No such thing, or none the caller may see (the same answer, so nothing leaks). */
export class NotFound extends DomainError<NotFoundReason> {
  readonly kind = 'not_found';
}

/** Why the current state refuses a request. */
export type ConflictReason =
  | 'event_not_allowed'
  | 'stale_version'
  | 'manual_handling'
  | 'waybill_in_use'
  | 'transfer_not_in_transit'
  | 'stale_deadline'
  | 'scans_not_uploaded'
  | 'materials_not_scanned'
  | 'scan_exists'
  | 'not_at_window'
  | 'evaluation_not_open'
  | 'already_evaluated'
  | 'no_rectification_clock'
  | 'username_taken'
  | 'parcel_not_open'
  | 'parcel_not_in_transit'
  | 'parcel_empty'
  | 'packed_elsewhere'
  | 'not_packable'
  | 'parcel_changed'
  | 'document_not_applicable'
  | 'claimed_by_other'
  | 'not_claimed'
  | 'not_held'
  | 'case_closed';

/** The request is well formed but the current state refuses it (a case's state, a version, a name taken). */
export class Conflict extends DomainError<ConflictReason> {
  readonly kind = 'conflict';
  /** `details` as the caller reads them, after `reason` (every conflict names it: `details.reason`). */
  constructor(reason: ConflictReason, message: string, details: Record<string, unknown> = {}) {
    super(reason, message, { reason, ...details });
  }
}

/** Bytes of a type the domain does not take (a scan that is not a PDF, JPEG or PNG). */
export class UnsupportedContent extends DomainError<'unsupported_type'> {
  readonly kind = 'unsupported_content';
}

/** A request that does not match the one an Idempotency-Key was first used with. */
export class RequestMismatch extends DomainError<'idempotency_key_reused'> {
  readonly kind = 'request_mismatch';
}

/** Why the service cannot answer now. */
export type UnavailableReason = 'pii_key_retired' | 'sign_in_queue_full';

/** The service cannot answer now (overloaded, or must be restarted); the request may be retried. */
export class Unavailable extends DomainError<UnavailableReason> {
  readonly kind = 'unavailable';
}
