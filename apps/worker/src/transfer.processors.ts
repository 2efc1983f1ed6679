import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CaseService } from '@app/cases';
import { QUEUES, type QueueName, type TransferJobData } from '@app/transfer';
import { sendTransferEvent, type JobOutcome } from './transfer-job.handler';

/** A processor class for `queue` whose jobs send `type` (one class per queue, as Nest needs). */
function transferProcessor(queue: QueueName, type: 'TRANSFER_DELIVERED' | 'RESULT_DELIVERED', name: string) {
  @Processor(queue, { concurrency: 16 })
  class TransferProcessor extends WorkerHost {
    private readonly logger = new Logger(name);
    constructor(private readonly cases: CaseService) {
      super();
    }
    process(job: Job<TransferJobData>): Promise<JobOutcome> {
      return sendTransferEvent(this.cases, job, type, this.logger);
    }
  }
  Object.defineProperty(TransferProcessor, 'name', { value: name });
  return TransferProcessor;
}

/** 邮件快递: the job was delayed by the courier transit time; the parcel has arrived. */
export const CourierProcessor = transferProcessor(QUEUES.courier, 'TRANSFER_DELIVERED', 'CourierProcessor');
/** 扫描传送: the scans have reached the home jurisdiction. */
export const ScanProcessor = transferProcessor(QUEUES.scan, 'TRANSFER_DELIVERED', 'ScanProcessor');
/** 寄递 / 网络送达: the result or the refusal notice has reached the applicant. */
export const ResultDeliveryProcessor = transferProcessor(
  QUEUES.resultDelivery,
  'RESULT_DELIVERED',
  'ResultDeliveryProcessor',
);
