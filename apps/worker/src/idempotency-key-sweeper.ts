import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyKeyRepository } from '@app/cases';
import { AppConfig } from '@app/common';
import { PeriodicTask } from './periodic-task';

const HOUR_MS = 3_600_000;

/**
 * Deletes Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, hourly: a client retries within
 * minutes, and the table would otherwise grow with every state-changing request for ever.
 */
@Injectable()
export class IdempotencyKeySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyKeySweeper.name);
  private readonly task = new PeriodicTask(() => this.pass(), HOUR_MS);
  private readonly keys: IdempotencyKeyRepository;

  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.keys = new IdempotencyKeyRepository(dataSource.manager);
  }

  onApplicationBootstrap(): void {
    this.task.start(true);
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** Deletes the expired keys; answers how many. */
  sweep(): Promise<number> {
    return this.keys.deleteOlderThan(this.config.IDEMPOTENCY_KEY_TTL_HOURS);
  }

  private async pass(): Promise<void> {
    try {
      const deleted = await this.sweep();
      if (deleted > 0) this.logger.log(`swept ${deleted} expired idempotency keys`);
    } catch (e) {
      this.logger.error(`idempotency key sweep failed: ${(e as Error).message}`);
    }
  }
}
