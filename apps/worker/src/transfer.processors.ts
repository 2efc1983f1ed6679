import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CaseService } from '@app/cases';
import { loadConfig } from '@app/common';
import { describeScanMismatch, firstScanMismatch, QUEUES, type TransferJobData } from '@app/transfer';
import type { CaseEvent } from '@app/workflow';
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

/**
 * A queue's processor: each job stands for one case event (`eventFor`), sent through CaseService
 * idempotently; a job that has used all its attempts is logged for the reconciler to retry.
 */
@Injectable() // emits the constructor's parameter types, which subclasses without a constructor inherit
abstract class JobEventProcessor extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(private readonly cases: CaseService) {
    super();
  }

  protected abstract eventFor(job: Job<TransferJobData>): CaseEvent;

  process(job: Job<TransferJobData>): Promise<JobOutcome> {
    return sendJobEvent(this.cases, job, this.eventFor(job), this.logger);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<TransferJobData> | undefined, error: Error): void {
    logFinalFailure(this.logger, job, error);
  }
}

/** 邮件快递: the job was delayed by the courier transit time; the parcel arrived, or was lost. */
@Processor(QUEUES.courier, workerOptions)
export class CourierProcessor extends JobEventProcessor {
  constructor(
    cases: CaseService,
    private readonly courier: LocalCourier,
  ) {
    super(cases);
  }

  protected eventFor({ data: { transferId, waybillNumber } }: Job<TransferJobData>): CaseEvent {
    return this.courier.outcome(waybillNumber) === 'lost'
      ? { type: 'TRANSFER_FAILED', transferId, reason: `parcel ${waybillNumber} lost in transit (快递丢失)` }
      : { type: 'TRANSFER_DELIVERED', transferId };
  }
}

/** 扫描传送: the scans have reached the home jurisdiction, which re-hashes every page. */
@Processor(QUEUES.scan, workerOptions)
export class ScanProcessor extends JobEventProcessor {
  constructor(
    cases: CaseService,
    private readonly channel: LocalScanChannel,
  ) {
    super(cases);
  }

  protected eventFor({ data: { transferId, scanDigests = [] } }: Job<TransferJobData>): CaseEvent {
    const mismatch = firstScanMismatch(scanDigests, this.channel.receivedDigests(scanDigests));
    return mismatch
      ? { type: 'TRANSFER_FAILED', transferId, reason: describeScanMismatch(mismatch) }
      : { type: 'TRANSFER_DELIVERED', transferId };
  }
}

/** 寄递 / 网络送达: the result or the refusal notice has reached the applicant. */
@Processor(QUEUES.resultDelivery, workerOptions)
export class ResultDeliveryProcessor extends JobEventProcessor {
  protected eventFor({ data: { transferId } }: Job<TransferJobData>): CaseEvent {
    return { type: 'RESULT_DELIVERED', transferId };
  }
}

/**
 * 视为受理: the acceptance period since arrival has passed (行政许可法 art. 32). The job re-checks
 * through the machine: a case accepted, refused or sent back for supplement meanwhile ignores it,
 * and so does a deadline counted from an earlier arrival (stale_deadline).
 */
@Processor(QUEUES.deadlines, workerOptions)
export class DeadlineProcessor extends JobEventProcessor {
  protected eventFor({ data: { transferId } }: Job<TransferJobData>): CaseEvent {
    return { type: 'DEEM_ACCEPTED', transferId };
  }
}
