import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { loadConfig } from '@app/common';
import { QUEUE_NAMES, type QueueName, type TransferJobData } from '@app/transfer';
import { JobDispatcher } from './job-dispatcher';
import { logFinalFailure, type JobOutcome } from './send-job-event';

/**
 * Options of every worker, read (validated) from the environment when this module loads, since
 * Nest takes them from the decorator: the lock decides how soon a job whose worker died runs again.
 */
const workerOptions = (() => {
  const { JOB_LOCK_MS } = loadConfig();
  return { concurrency: 16, lockDuration: JOB_LOCK_MS, stalledInterval: JOB_LOCK_MS };
})();

/**
 * The BullMQ processor of `queue` (BullMQ runs one worker per queue): hands each job to its job's
 * handler through the dispatcher; a job that has used all its attempts is logged for the
 * reconciler to retry.
 */
function queueProcessor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, workerOptions)
  class QueueProcessor extends WorkerHost {
    private readonly logger = new Logger(`${queue} processor`);

    constructor(private readonly jobs: JobDispatcher) {
      super();
    }

    process(job: Job<TransferJobData>): Promise<JobOutcome> {
      return this.jobs.run(job, this.logger);
    }

    @OnWorkerEvent('failed')
    onFailed(job: Job<TransferJobData> | undefined, error: Error): void {
      logFinalFailure(this.logger, job, error);
    }
  }
  // Four classes from one declaration: their own names tell them apart in Nest's logs and errors.
  Object.defineProperty(QueueProcessor, 'name', { value: `QueueProcessor(${queue})` });
  return QueueProcessor;
}

/** One processor per queue of QUEUES. */
export const QUEUE_PROCESSORS = QUEUE_NAMES.map(queueProcessor);
