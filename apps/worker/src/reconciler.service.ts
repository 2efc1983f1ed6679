import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/common';
import { jobDefinition, jobIdForOutbox } from '@app/transfer';
import { statesTagged } from '@app/workflow';
import { PeriodicTask } from './periodic-task';
import { QueueRegistry } from './queue-registry';

/** What one reconciliation pass found and did. */
export interface ReconcileReport {
  waiting: number;
  republished: number;
  retried: number;
}

interface WaitingRow {
  id: string;
  job_id: string;
  /** The job's name in the job map (see OutboxEntity). */
  queue: string;
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    config: AppConfig,
  ) {
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
    const rows = await this.dataSource.query<WaitingRow[]>(
      `SELECT DISTINCT ON (o.application_id) o.id::text AS id, o.job_id, o.queue
         FROM outbox o JOIN applications a ON a.id = o.application_id
        WHERE a.state = ANY($1) AND o.published_at IS NOT NULL
        ORDER BY o.application_id, o.id DESC`,
      [statesTagged('waitingOnJob')],
    );
    const report: ReconcileReport = { waiting: rows.length, republished: 0, retried: 0 };
    for (const row of rows) {
      const job = await this.queues.get(jobDefinition(row.queue).queue).getJob(jobIdForOutbox(row.job_id));
      if (!job) {
        const result = await this.dataSource.query<[unknown[], number]>(
          `UPDATE outbox SET published_at = NULL, claimed_until = NULL WHERE id = $1 AND published_at IS NOT NULL`,
          [row.id],
        );
        report.republished += result[1];
      } else if ((await job.getState()) === 'failed') {
        await job.retry();
        report.retried++;
      }
    }
    return report;
  }
}
