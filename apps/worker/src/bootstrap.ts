import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@app/common';
import { checkPiiKeys } from '@app/db';
import { jobHandlerTable } from './job-handler-table';
import { JOB_HANDLERS } from './job.handlers';
import { WorkerModule } from './worker.module';

/**
 * Builds the worker (no HTTP): relay and processors start with the context; SIGTERM closes them.
 * @throws Error naming PII_KEY when the configured keys cannot read the stored personal data
 * @throws Error naming each job of the job map with no handler or with two, before anything starts
 */
export async function createWorkerApp(): Promise<INestApplicationContext> {
  jobHandlerTable(JOB_HANDLERS);
  await checkPiiKeys(loadConfig());
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
