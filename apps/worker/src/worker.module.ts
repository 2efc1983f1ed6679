import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { AppConfig, ConfigModule, LoggerModule, redisConnectionOptions } from '@app/common';
import { DbModule } from '@app/db';
import { QUEUE_NAMES } from '@app/transfer';
import { IdempotencyKeySweeper } from './idempotency-key-sweeper';
import { OutboxRelay } from './outbox-relay.service';
import { QueueRegistry } from './queue-registry';
import { Reconciler } from './reconciler.service';
import { LocalCourier } from './local-courier';
import { LocalScanChannel } from './local-scan-channel';
import {
  CourierProcessor,
  DeadlineProcessor,
  ResultDeliveryProcessor,
  ScanProcessor,
} from './transfer.processors';

/** The worker: outbox relay and the transfer, delivery and deadline processors. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule,
    DbModule,
    CasesModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionOptions(config.REDIS_URL),
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name })),
  ],
  providers: [
    QueueRegistry,
    OutboxRelay,
    Reconciler,
    IdempotencyKeySweeper,
    LocalCourier,
    LocalScanChannel,
    CourierProcessor,
    ScanProcessor,
    ResultDeliveryProcessor,
    DeadlineProcessor,
  ],
})
export class WorkerModule {}
