import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/common';
import { jobDefinition, jobIdForOutbox, OutboxRepository } from '@app/transfer';
import { statesTagged } from '@app/workflow';
import { PeriodicTask } from './periodic-task';
import { QueueRegistry } from './queue-registry';

/** What one reconciliation pass found and did. */
export interface ReconcileReport {
  waiting: number;
  republished: number;
  retried: number;
}

/**
 * Makes sure no case is stuck (DESIGN invariant 5): for every case in a state tagged `waitingOnJob`
 * (the transition into it wrote exactly one outbox row, so its newest row is the work it waits on)
 * whose outbox row was published, the job must still be in Redis. A job that vanished (Redis flushed, keys
 * evicted) is republished by clearing the row's `published_at`, so the relay adds it again under
 * the same job id with the time that is left; a job that failed for good is retried. Runs at
 * worker start and every RECONCILE_INTERVAL_MS. Several workers may run it at once: republishing
 * is keyed by the outbox id, so a job is added once.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Reconciler.name);
  private readonly task: PeriodicTask;
  private readonly outbox: OutboxRepository;

  constructor(
    dataSource: DataSource,
    private readonly queues: QueueRegistry,
    config: AppConfig,
  ) {
    this.outbox = new OutboxRepository(dataSource.manager);
    this.task = new PeriodicTask(() => this.pass(), config.RECONCILE_INTERVAL_MS);
  }

  onApplicationBootstrap(): void {
    this.task.start(true);
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  private async pass(): Promise<void> {
    try {
      const r = await this.reconcile();
      if (r.republished || r.retried) this.logger.warn(`reconciled: ${JSON.stringify(r)}`);
    } catch (e) {
      this.logger.error(`reconciliation failed: ${(e as Error).message}`);
    }
  }

  /** One pass over every waiting case. */
  async reconcile(): Promise<ReconcileReport> {
    const rows = await this.outbox.newestPublishedOfCasesIn(statesTagged('waitingOnJob'));
    const report: ReconcileReport = { waiting: rows.length, republished: 0, retried: 0 };
    for (const row of rows) {
      const job = await this.queues.get(jobDefinition(row.name).queue).getJob(jobIdForOutbox(row.jobId));
      if (!job) {
        if (await this.outbox.unpublish(row.id)) report.republished++;
      } else if ((await job.getState()) === 'failed') {
        await job.retry();
        report.retried++;
      }
    }
    return report;
  }
}
