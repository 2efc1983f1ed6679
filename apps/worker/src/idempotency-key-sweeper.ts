import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyKeyRepository } from '@app/cases';
import { AppConfig } from '@app/common';
import { PeriodicService } from './periodic-task';

const HOUR_MS = 3_600_000;

/**
 * Deletes Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, hourly: a client retries within
 * minutes, and the table would otherwise grow with every state-changing request for ever.
 */
@Injectable()
export class IdempotencyKeySweeper extends PeriodicService {
  private readonly logger = new Logger(IdempotencyKeySweeper.name);
  private readonly keys: IdempotencyKeyRepository;

  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    super(HOUR_MS);
    this.keys = new IdempotencyKeyRepository(dataSource.manager);
  }

  /** Deletes the expired keys; answers how many. */
  sweep(): Promise<number> {
    return this.keys.deleteOlderThan(this.config.IDEMPOTENCY_KEY_TTL_HOURS);
  }

  protected async pass(): Promise<void> {
    try {
      const deleted = await this.sweep();
      if (deleted > 0) this.logger.log(`swept ${deleted} expired idempotency keys`);
    } catch (e) {
      this.logger.error(`idempotency key sweep failed: ${(e as Error).message}`);
    }
  }
}
