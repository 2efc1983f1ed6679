import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CaseService } from '@app/cases';
import { loadConfig } from '@app/common';
import {
  describeScanMismatch,
  firstScanMismatch,
  QUEUES,
  type QueueName,
  type TransferJobData,
} from '@app/transfer';
import { LocalCourier } from './local-courier';
import { LocalScanChannel } from './local-scan-channel';
import { logFinalFailure, sendJobEvent, type JobOutcome } from './transfer-job.handler';

/**
 * Options of every worker, read (validated) from the environment when this module loads, since
 * Nest takes them from the decorator: the lock decides how soon a job whose worker died runs again.
 */
const workerOptions = (() => {
  const { JOB_LOCK_MS } = loadConfig();
  return { concurrency: 16, lockDuration: JOB_LOCK_MS, stalledInterval: JOB_LOCK_MS };
})();

/** 邮件快递: the job was delayed by the courier transit time; the parcel arrived, or was lost. */
@Processor(QUEUES.courier, workerOptions)
export class CourierProcessor extends WorkerHost {
  private readonly logger = new Logger(CourierProcessor.name);
  constructor(
    private readonly cases: CaseService,
    private readonly courier: LocalCourier,
  ) {
    super();
  }
  process(job: Job<TransferJobData>): Promise<JobOutcome> {
    const { transferId, waybillNumber } = job.data;
    const event =
      this.courier.outcome(waybillNumber) === 'lost'
        ? {
            type: 'TRANSFER_FAILED' as const,
            transferId,
            reason: `parcel ${waybillNumber} lost in transit (快递丢失)`,
          }
        : { type: 'TRANSFER_DELIVERED' as const, transferId };
    return sendJobEvent(this.cases, job, event, this.logger);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<TransferJobData> | undefined, error: Error): void {
    logFinalFailure(this.logger, job, error);
  }
}

/** A processor for `queue` whose every job sends `type` for its transfer (one class per queue, as Nest needs). */
function eventProcessor(
  queue: QueueName,
  type: 'TRANSFER_DELIVERED' | 'RESULT_DELIVERED' | 'DEEM_ACCEPTED',
  name: string,
) {
  @Processor(queue, workerOptions)
  class EventProcessor extends WorkerHost {
    private readonly logger = new Logger(name);
    constructor(private readonly cases: CaseService) {
      super();
    }
    process(job: Job<TransferJobData>): Promise<JobOutcome> {
      return sendJobEvent(this.cases, job, { type, transferId: job.data.transferId }, this.logger);
    }

    @OnWorkerEvent('failed')
    onFailed(job: Job<TransferJobData> | undefined, error: Error): void {
      logFinalFailure(this.logger, job, error);
    }
  }
  Object.defineProperty(EventProcessor, 'name', { value: name });
  return EventProcessor;
}

/** 扫描传送: the scans have reached the home jurisdiction, which re-hashes every page. */
@Processor(QUEUES.scan, workerOptions)
export class ScanProcessor extends WorkerHost {
  private readonly logger = new Logger(ScanProcessor.name);
  constructor(
    private readonly cases: CaseService,
    private readonly channel: LocalScanChannel,
  ) {
    super();
  }
  process(job: Job<TransferJobData>): Promise<JobOutcome> {
    const { transferId, scanDigests = [] } = job.data;
    const mismatch = firstScanMismatch(scanDigests, this.channel.receivedDigests(scanDigests));
    const event = mismatch
      ? { type: 'TRANSFER_FAILED' as const, transferId, reason: describeScanMismatch(mismatch) }
      : { type: 'TRANSFER_DELIVERED' as const, transferId };
    return sendJobEvent(this.cases, job, event, this.logger);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<TransferJobData> | undefined, error: Error): void {
    logFinalFailure(this.logger, job, error);
  }
}

/** 寄递 / 网络送达: the result or the refusal notice has reached the applicant. */
export const ResultDeliveryProcessor = eventProcessor(
  QUEUES.resultDelivery,
  'RESULT_DELIVERED',
  'ResultDeliveryProcessor',
);

/**
 * 视为受理: the acceptance period since arrival has passed (行政许可法 art. 32). The job re-checks
 * through the machine: a case accepted, refused or sent back for supplement meanwhile ignores it,
 * and so does a deadline counted from an earlier arrival (stale_deadline).
 */
export const DeadlineProcessor = eventProcessor(QUEUES.deadlines, 'DEEM_ACCEPTED', 'DeadlineProcessor');
