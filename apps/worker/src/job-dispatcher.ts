import { Injectable, type Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CaseService } from '@app/cases';
import { isJobName, type JobName, type TransferJobData } from '@app/transfer';
import { jobHandlerTable, type JobHandler } from './job-handler-table';
import { sendJobEvent, type JobOutcome } from './send-job-event';

/**
 * Runs a BullMQ job by its name: its one handler says which case event it stands for, and the
 * event is sent through CaseService idempotently (`sendJobEvent`); or, for a job that changes no
 * case (`notify`), the handler runs it. Built from the worker's handler
 * instances, so a job with no handler or two stops the worker at start (`jobHandlerTable`).
 */
@Injectable()
export class JobDispatcher {
  private readonly handlers: Record<JobName, JobHandler>;

  constructor(
    private readonly cases: CaseService,
    handlers: readonly JobHandler[],
  ) {
    this.handlers = jobHandlerTable(handlers);
  }

  /**
   * Runs `job` (named after a job of the map), logging to its queue's processor `logger`.
   * @throws Error for a job name the map does not know (BullMQ retries it, then leaves it failed)
   */
  async run(job: Job<TransferJobData>, logger: Logger): Promise<JobOutcome> {
    if (!isJobName(job.name)) throw new Error(`job ${job.id}: no job ${job.name} in the job map`);
    const handler = this.handlers[job.name];
    if ('run' in handler) return handler.run(job.data);
    return sendJobEvent(this.cases, job, handler.eventFor(job.data), logger);
  }
}
