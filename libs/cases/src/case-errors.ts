import { Conflict, NotFound, Unavailable } from '@app/common';
import type { CaseEventType } from '@app/workflow';

/**
 * The errors a case operation answers with: domain errors (libs/common/src/domain-errors.ts), each
 * with a typed reason and the `details` of the one error shape `{ statusCode, error, message,
 * details }` that the api's exception filter writes (the status each comment names).
 */

export { invalidField } from '@app/common';

/**
 * 503: this process's PII_KEY was retired by `rotate-pii-key` after the process started; it must be
 * restarted with the current key before it writes personal data again (docs/AUDIT.md, "Keys").
 */
export const piiKeyRetired = () =>
  new Unavailable(
    'pii_key_retired',
    'this api writes under a PII_KEY that rotate-pii-key has retired: restart it with the current PII_KEY',
    { reason: 'pii_key_retired' },
  );

/** 404: no such case (also answered when the caller may not see it). */
export const caseNotFound = () => new NotFound('case', 'case not found');

/** 404: no hand-over receipt has the id, or none of its cases is one the caller may see (the same answer). */
export const handoverReceiptNotFound = () => new NotFound('handover_receipt', 'hand-over receipt not found');

/**
 * 409: the machine does not take `type` now; `allowedEvents` says what it would take, and `rule`
 * (when a rule of the item, not the state, refused it) says why, e.g. the materials missing.
 */
export const eventNotAllowed = (
  type: string,
  state: string,
  allowedEvents: CaseEventType[],
  rule?: string | null,
) =>
  new Conflict(
    'event_not_allowed',
    rule ? `${type} refused: ${rule}` : `${type} is not allowed in state ${state}`,
    { state, allowedEvents, ...(rule ? { rule } : {}) },
  );

/**
 * 409: the case changed since the caller read it (optimistic concurrency); `state` is the one it is
 * in now, so a stale page can name it.
 */
export const staleVersion = (expected: number, actual: number, state: string) =>
  new Conflict(
    'stale_version',
    `case was changed meanwhile (version ${actual}, state ${state}, expected ${expected}); read it again`,
    { expectedVersion: expected, version: actual, state },
  );

/** 409: the stored snapshot does not fit this machine; the case needs manual handling. */
export const needsManualHandling = (state: string) =>
  new Conflict(
    'manual_handling',
    `case in state ${state} needs manual handling: its stored snapshot does not fit this machine`,
    { state, allowedEvents: [] },
  );

/**
 * 409: `waybillNumber` already names another transfer (a forward, a redispatch or a result mail):
 * one waybill is one parcel, so a second use would mix two cases' tracking and custody.
 */
export const waybillInUse = (waybillNumber: string) =>
  new Conflict(
    'waybill_in_use',
    `waybillNumber: ${waybillNumber} is already used for another parcel; use the new parcel's waybill`,
    { field: 'waybillNumber', waybillNumber },
  );

/**
 * 409: the case has no such document yet (a refusal notice of a case never refused, an acceptance
 * notice before acceptance, a one-time notice no one issued); `needs` says what issues it.
 */
export const documentNotApplicable = (document: string, state: string, needs: string) =>
  new Conflict('document_not_applicable', `${document}: the case is in state ${state}; ${needs}`, {
    document,
    state,
  });
