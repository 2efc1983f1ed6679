import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/common';
import {
  jobDefinition,
  jobIdForOutbox,
  OutboxRepository,
  publishOptions,
  type ClaimedJob,
} from '@app/transfer';
import { PeriodicTask } from './periodic-task';
import { QueueRegistry } from './queue-registry';

/** How long a relay holds claimed rows before another relay may take them, seconds. */
const CLAIM_SECONDS = 10;
const BATCH = 100;

/**
 * Publishes outbox rows to BullMQ after the transaction that wrote them has committed (DESIGN:
 * never add a job inside an open transaction). Rows are claimed in one short statement
 * (`FOR UPDATE SKIP LOCKED`, so several workers share the work), published with job id
 * `outbox-<job_id>` (BullMQ ignores a second add of a live id) on its job's queue with the job
 * map's options, then marked published. A relay that
 * dies between publish and mark leaves a claim that lapses; the next relay republishes under the
 * same job id. The delay counts from the row's creation, so a republished courier job keeps its
 * original arrival time.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly task: PeriodicTask;
  private readonly outbox: OutboxRepository;
  private failures = 0;
  private resumeAt = 0;

  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
  ) {
    this.outbox = new OutboxRepository(dataSource.manager);
    this.task = new PeriodicTask(() => this.pass(), config.OUTBOX_POLL_MS);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  /** Stops polling and lets a pass in progress finish, before the queues' connections close. */
  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /**
   * One pass. While PostgreSQL or Redis is down, passes back off (doubling up to 30 s) and the
   * failure is logged once per outage, not once per poll.
   */
  private async pass(): Promise<void> {
    if (Date.now() < this.resumeAt) return;
    try {
      await this.publishPending();
      if (this.failures > 0) this.logger.log(`outbox relay recovered after ${this.failures} failed passes`);
      this.failures = 0;
    } catch (e) {
      if (this.failures === 0)
        this.logger.error(`outbox relay pass failed, backing off: ${(e as Error).message}`);
      this.failures++;
      this.resumeAt = Date.now() + Math.min(30_000, this.config.OUTBOX_POLL_MS * 2 ** this.failures);
    }
  }

  /** Publishes every unpublished, unclaimed row; returns how many were published. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.outbox.claim(CLAIM_SECONDS, BATCH);
      if (rows.length === 0) return total;
      const added: string[] = [];
      try {
        for (const row of rows) {
          await this.add(row);
          added.push(row.id);
        }
      } finally {
        // Mark what reached Redis; hand the rest back at once instead of after the claim lapses.
        await this.outbox.release(
          rows.map((r) => r.id),
          added,
        );
      }
      total += rows.length;
    }
  }

  private async add(row: ClaimedJob): Promise<void> {
    const job = jobDefinition(row.name);
    await this.queues
      .get(job.queue)
      .add(job.name, row.payload, publishOptions(job, jobIdForOutbox(row.jobId), row.remainingMs));
  }
}
