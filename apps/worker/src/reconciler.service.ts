import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NoticeRepository } from '@app/cases';
import { AppConfig } from '@app/common';
import { jobDefinition, jobIdForOutbox, OutboxRepository, type PublishedJob } from '@app/transfer';
import { statesTagged } from '@app/workflow';
import { PeriodicService } from './periodic-task';
import { QueueRegistry } from './queue-registry';

/**
 * How long a notice may stay unsent before the reconciler looks at its job, ms: longer than a
 * notify job's tries take (8, from 0.5 s doubling), so a job still retrying is left alone.
 */
const UNSENT_NOTICE_GRACE_MS = 5 * 60_000;

/** What one reconciliation pass found and did. */
export interface ReconcileReport {
  waiting: number;
  /** Notices recorded a while ago and not sent yet, whose notify job was published. */
  unsentNotices: number;
  republished: number;
  retried: number;
}

/**
 * Makes sure no case is stuck (DESIGN invariant 5): for every case in a state tagged `waitingOnJob`
 * (the transition into it wrote exactly one outbox row, so its newest row is the work it waits on)
 * and every sealed parcel (its newest row is its live tracking job) whose outbox row was published,
 * the job must still be in Redis. A job that vanished (Redis flushed, keys
 * evicted) is republished by clearing the row's `published_at`, so the relay adds it again under
 * the same job id with the time that is left; a job that failed for good is retried. Runs at
 * worker start and every RECONCILE_INTERVAL_MS. Several workers may run it at once: republishing
 * is keyed by the outbox id, so a job is added once. Notices left unsent (their `notify` job
 * vanished or failed for good, e.g. while the SMS provider was down) are put back the same way.
 */
@Injectable()
export class Reconciler extends PeriodicService {
  private readonly logger = new Logger(Reconciler.name);
  private readonly outbox: OutboxRepository;
  private readonly notices: NoticeRepository;

  constructor(
    dataSource: DataSource,
    private readonly queues: QueueRegistry,
    config: AppConfig,
  ) {
    super(config.RECONCILE_INTERVAL_MS);
    this.outbox = new OutboxRepository(dataSource.manager);
    this.notices = new NoticeRepository(dataSource.manager);
  }

  protected async pass(): Promise<void> {
    try {
      const r = await this.reconcile();
      if (r.republished || r.retried) this.logger.warn(`reconciled: ${JSON.stringify(r)}`);
    } catch (e) {
      this.logger.error(`reconciliation failed: ${(e as Error).message}`);
    }
  }

  /** One pass over every waiting case and parcel, and every notice left unsent a while after it was recorded. */
  async reconcile(): Promise<ReconcileReport> {
    const rows = [
      ...(await this.outbox.newestPublishedOfCasesIn(statesTagged('waitingOnJob'))),
      ...(await this.outbox.newestPublishedOfParcelsInTransit()),
    ];
    const unsent = await this.notices.unsentNotifyJobs(UNSENT_NOTICE_GRACE_MS);
    const report: ReconcileReport = {
      waiting: rows.length,
      unsentNotices: unsent.length,
      republished: 0,
      retried: 0,
    };
    for (const row of [...rows, ...unsent]) await this.putBack(row, report);
    return report;
  }

  /** Republishes published row `row` whose job vanished, or retries it when it failed for good. */
  private async putBack(row: PublishedJob, report: ReconcileReport): Promise<void> {
    const job = await this.queues.get(jobDefinition(row.name).queue).getJob(jobIdForOutbox(row.jobId));
    if (!job) {
      if (await this.outbox.unpublish(row.id)) report.republished++;
    } else if ((await job.getState()) === 'failed') {
      await job.retry();
      report.retried++;
    }
  }
}
