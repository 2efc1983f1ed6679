import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUE_NAMES, type QueueName } from '@app/transfer';

/** The worker's BullMQ queues by name (those BullModule registered), for code that picks one per row. */
@Injectable()
export class QueueRegistry {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** @throws Error for a name that is not one of QUEUE_NAMES */
  get(name: QueueName): Queue {
    if (!QUEUE_NAMES.includes(name)) throw new Error(`unknown queue ${name}`);
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
