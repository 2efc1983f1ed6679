import { ConflictException, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CaseService } from '@app/cases';
import type { TransferJobData } from '@app/transfer';

/** What a job did: sent its event, found it already applied, or found the case moved on. */
export type JobOutcome = 'applied' | 'duplicate' | 'ignored';

const IGNORABLE = new Set(['event_not_allowed', 'transfer_not_in_transit', 'manual_handling']);

/**
 * Sends the event a transfer or delivery job stands for, through CaseService, idempotently: the
 * job id is the event id, so a job delivered twice (BullMQ is at least once) is recorded once.
 * A case that moved on meanwhile (withdrawn, redispatched) makes the job a no-op, not an error;
 * a stale version is rethrown, so BullMQ retries it.
 */
export async function sendTransferEvent(
  cases: CaseService,
  job: Job<TransferJobData>,
  type: 'TRANSFER_DELIVERED' | 'RESULT_DELIVERED',
  logger: Logger,
): Promise<JobOutcome> {
  const { applicationId, transferId } = job.data;
  try {
    const result = await cases.apply(
      applicationId,
      { type, transferId },
      { role: 'system', id: `${job.queueName}-job` },
      { eventId: job.id },
    );
    return result.duplicate ? 'duplicate' : 'applied';
  } catch (e) {
    const reason = ((e as ConflictException).getResponse?.() as { details?: { reason?: string } })?.details
      ?.reason;
    if (e instanceof ConflictException && reason && IGNORABLE.has(reason)) {
      logger.warn(`job ${job.id}: ${type} not applied to case ${applicationId} (${reason})`);
      return 'ignored';
    }
    throw e;
  }
}
