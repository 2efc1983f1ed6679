import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CaseService, CasesModule } from '@app/cases';
import { AppConfig, ConfigModule, LoggerModule, redisConnectionOptions } from '@app/common';
import { DbModule } from '@app/db';
import { QUEUE_NAMES } from '@app/transfer';
import { IdempotencyKeySweeper } from './idempotency-key-sweeper';
import { ClockSweeper } from './clock-sweeper';
import { OutboxRelay } from './outbox-relay.service';
import { QueueRegistry } from './queue-registry';
import { Reconciler } from './reconciler.service';
import { LocalScanChannel } from './local-scan-channel';
import { JobDispatcher } from './job-dispatcher';
import type { JobHandler } from './job-handler-table';
import { QUEUE_PROCESSORS } from './queue.processors';
import { JOB_HANDLERS } from './job.handlers';

/**
 * The worker: outbox relay, reconciler, one processor per queue, and one handler per job of the
 * job map (`JOB_HANDLERS`, checked at start).
 */
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
    ClockSweeper,
    LocalScanChannel,
    ...JOB_HANDLERS,
    {
      provide: JobDispatcher,
      inject: [CaseService, ...JOB_HANDLERS],
      useFactory: (cases: CaseService, ...handlers: JobHandler[]) => new JobDispatcher(cases, handlers),
    },
    ...QUEUE_PROCESSORS,
  ],
})
export class WorkerModule {}
