import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CaseService, systemActor } from '@app/cases';
import { Conflict, type ConflictReason } from '@app/common';
import type { TransferJobData } from '@app/transfer';
import type { CaseEvent } from '@app/workflow';

/**
 * Logs a job that has used all its attempts. Its case stays where it is until the reconciler
 * retries the job (at worker start and every RECONCILE_INTERVAL_MS).
 */
export function logFinalFailure(logger: Logger, job: Job<TransferJobData> | undefined, error: Error): void {
  if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
  logger.error(
    `job ${job.id} for case ${job.data.applicationId} failed after ${job.attemptsMade} attempts (${error.message}); ` +
      'the reconciler will retry it',
  );
}

/** What a job did: sent its event, found it already applied, or found the case moved on. */
export type JobOutcome = 'applied' | 'duplicate' | 'ignored';

/** Conflict reasons that mean "the case has moved on": the job is done, not failed. */
const MOVED_ON: ReadonlySet<ConflictReason> = new Set<ConflictReason>([
  'event_not_allowed',
  'transfer_not_in_transit',
  'stale_deadline',
  'manual_handling',
]);

/**
 * Sends the event a job stands for through CaseService, idempotently: the job id is the event id,
 * so a job delivered twice (BullMQ is at least once) is recorded once. A case that moved on
 * meanwhile (withdrawn, redispatched, accepted before its deadline) makes the job a no-op, not an
 * error; any other error (stale version, database down) is rethrown, so BullMQ retries the job.
 */
export async function sendJobEvent(
  cases: CaseService,
  job: Job<TransferJobData>,
  event: CaseEvent,
  logger: Logger,
): Promise<JobOutcome> {
  const { applicationId: caseId } = job.data;
  try {
    const result = await cases.apply(caseId, event, systemActor(job.queueName), { eventId: job.id });
    if (!result.duplicate) return 'applied';
    logger.log(`job ${job.id}: delivered again; its ${event.type} was already applied, nothing changed`);
    return 'duplicate';
  } catch (e) {
    if (e instanceof Conflict && MOVED_ON.has(e.reason)) {
      logger.log(`job ${job.id}: ${event.type} not applied to case ${caseId} (${e.reason})`);
      return 'ignored';
    }
    throw e;
  }
}
