import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/common';
import { jobIdForOutbox, QUEUE_NAMES, type QueueName } from '@app/transfer';

interface ClaimedRow {
  id: string;
  job_id: string;
  queue: QueueName;
  payload: Record<string, unknown>;
  remaining_ms: string;
}

/** How long a relay holds claimed rows before another relay may take them, seconds. */
const CLAIM_SECONDS = 10;
const BATCH = 100;

/**
 * Publishes outbox rows to BullMQ after the transaction that wrote them has committed (DESIGN:
 * never add a job inside an open transaction). Rows are claimed in one short statement
 * (`FOR UPDATE SKIP LOCKED`, so several workers share the work), published with job id
 * `outbox-<job_id>` (BullMQ ignores a second add of a live id), then marked published. A relay that
 * dies between publish and mark leaves a claim that lapses; the next relay republishes under the
 * same job id. The delay counts from the row's creation, so a republished courier job keeps its
 * original arrival time.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private failures = 0;
  private resumeAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of QUEUE_NAMES)
      this.queues.set(name, this.moduleRef.get(getQueueToken(name), { strict: false }));
    this.timer = setInterval(() => void this.tick(), this.config.OUTBOX_POLL_MS);
  }

  /** Stops polling and lets a pass in progress finish, before the queues' connections close. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * One pass. While PostgreSQL or Redis is down, passes back off (doubling up to 30 s) and the
   * failure is logged once per outage, not once per poll.
   */
  private async tick(): Promise<void> {
    if (this.running || Date.now() < this.resumeAt) return;
    this.running = this.publishPending().then(
      (n) => {
        if (this.failures > 0) this.logger.log(`outbox relay recovered after ${this.failures} failed passes`);
        this.failures = 0;
        return n;
      },
      (e: Error) => {
        if (this.failures === 0) this.logger.error(`outbox relay pass failed, backing off: ${e.message}`);
        this.failures++;
        this.resumeAt = Date.now() + Math.min(30_000, this.config.OUTBOX_POLL_MS * 2 ** this.failures);
        return 0;
      },
    );
    await this.running;
    this.running = undefined;
  }

  /** Publishes every unpublished, unclaimed row; returns how many were published. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.claim();
      if (rows.length === 0) return total;
      const added: string[] = [];
      try {
        for (const row of rows) {
          await this.add(row);
          added.push(row.id);
        }
      } finally {
        // Mark what reached Redis; hand the rest back at once instead of after the claim lapses.
        await this.dataSource.query(
          `UPDATE outbox SET published_at = CASE WHEN id = ANY($1::bigint[]) THEN now() END,
                             claimed_until = NULL
            WHERE id = ANY($2::bigint[])`,
          [added, rows.map((r) => r.id)],
        );
      }
      total += rows.length;
    }
  }

  private async add(row: ClaimedRow): Promise<void> {
    const queue = this.queues.get(row.queue);
    if (!queue) throw new Error(`outbox row ${row.id} names unknown queue ${row.queue}`);
    await queue.add(row.queue, row.payload, {
      jobId: jobIdForOutbox(row.job_id),
      delay: Math.max(0, Number(row.remaining_ms)),
      attempts: 8,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: false,
    });
  }

  private async claim(): Promise<ClaimedRow[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(
        `UPDATE outbox o SET claimed_until = now() + make_interval(secs => $1)
        WHERE o.id IN (SELECT id FROM outbox
                        WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING o.id::text AS id, o.job_id, o.queue, o.payload,
                 (extract(epoch FROM (o.created_at + make_interval(secs => o.delay_ms / 1000.0) - now())) * 1000)::bigint::text
                   AS remaining_ms`,
        [CLAIM_SECONDS, BATCH],
        true, // structured result: for UPDATE … RETURNING TypeORM otherwise answers [rows, count]
      );
      return (result as { records: ClaimedRow[] }).records;
    } finally {
      await runner.release();
    }
  }
}
