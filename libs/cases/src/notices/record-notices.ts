import type { EntityManager } from 'typeorm';
import { OutboxRepository, planNotify } from '@app/transfer';
import type { CaseHead, CaseRepository, HistoryEntry } from '../case.repository';
import { NOTICE_RULES } from './notice-rules';
import { clockAlertText, type ClockAlert } from './notice-texts';
import { NoticeRepository, type NewNotice } from './notice.repository';

/** The recipient key of the applicant of a case (the SMS goes to the case's phone). */
export const APPLICANT = 'applicant';

/** An office that staff notices are addressed to (the e-mail stand-in's address is its key). */
export interface Office {
  kind: 'jurisdiction' | 'window';
  code: string;
}

/** `jurisdiction:<code>` / `window:<code>`: an office as a recipient key and as shown. */
export const officeKey = (office: Office): string => `${office.kind}:${office.code}`;

/**
 * Records `notice` (once per case, change and recipient) and, when it is new, its `notify` job in
 * the outbox, both in the caller's transaction `m`: the relay publishes the job after commit.
 * @returns the notice's id; null when it had been recorded before
 */
export async function recordNotice(m: EntityManager, notice: NewNotice): Promise<string | null> {
  const id = await new NoticeRepository(m).record(notice);
  if (id !== null) await new OutboxRepository(m).add(planNotify(notice.caseId, id));
  return id;
}

/**
 * The write path's hook (CaseWrite.append, right after the history row): records the notice the
 * row's type calls for (NOTICE_RULES), if any, keyed by the row's seq (`event:<seq>`), so a replayed
 * command or a retried job (which append nothing) tells nobody twice.
 * @param moved the case's head after the row (its version is the row's seq)
 * @param entry the history row appended
 * @throws NotFound when the case row is gone (never inside the write path)
 */
export async function recordCaseNotices(
  m: EntityManager,
  cases: CaseRepository,
  moved: CaseHead,
  entry: HistoryEntry,
): Promise<void> {
  const rule = NOTICE_RULES[entry.type];
  if (!rule) return;
  const kase = await cases.getInScope(moved.id, { kind: 'all' });
  const body = rule.text({
    caseNumber: moved.caseNumber,
    itemCode: kase.itemCode,
    payload: entry.payload,
    at: entry.occurredAt,
  });
  const office = officeKey({ kind: 'jurisdiction', code: kase.jurisdictionCode });
  const toApplicant = rule.audience === 'applicant';
  await recordNotice(m, {
    caseId: moved.id,
    changeKey: `event:${moved.version}`,
    recipientKey: toApplicant ? APPLICANT : office,
    kind: rule.kind,
    channel: toApplicant ? 'sms' : 'email',
    recipient: toApplicant ? null : office,
    body,
  });
}

/** A clock's warning or overdue mark, as the clock sweep reports it. */
export interface ClockNotice extends ClockAlert {
  /** The clock's id: with `kind` and `dueAt`, what makes the notice once per mark. */
  clockId: string;
  caseId: string;
  /** The office the clock charges (the home jurisdiction, or the window by code). */
  office: Office;
}

/**
 * For the clock sweep: records the staff notice of a clock's warning (80 %) or overdue mark
 * (100 %), once per mark (`clock:<clockId>:<kind>:<dueAt ISO>`), addressed to `office` by e-mail,
 * with its `notify` job, in the sweep's transaction `m`. The due moment is in the key because an
 * extension or a resume that moves it later clears the marks (ClockRepository.update) and the sweep
 * raises them again for the new moment: that is news the office must be told of.
 * @returns the notice's id; null when this clock's notice of this kind for this due moment was recorded before
 * @throws Error when case `caseId` does not exist
 */
export async function recordClockNotice(m: EntityManager, notice: ClockNotice): Promise<string | null> {
  const caseNumber = await new NoticeRepository(m).caseNumberOf(notice.caseId);
  if (caseNumber === null) throw new Error(`no case ${notice.caseId}`);
  const to = officeKey(notice.office);
  return recordNotice(m, {
    caseId: notice.caseId,
    changeKey: `clock:${notice.clockId}:${notice.kind}:${notice.dueAt.toISOString()}`,
    recipientKey: to,
    kind: notice.kind === 'warned' ? 'clockWarned' : 'clockOverdue',
    channel: 'email',
    recipient: to,
    body: clockAlertText(caseNumber, notice),
  });
}
