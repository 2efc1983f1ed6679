import { Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CasesModule } from '@app/cases';
import { ConfigModule } from '@app/common';
import { DbModule } from '@app/db';

/** The case services without HTTP or queues: what a cli command that writes cases needs. */
@Module({ imports: [ConfigModule, DbModule, CasesModule] })
class CliCasesModule {}

/**
 * Runs `use` with the service `service` of the case library (built by Nest with its dependencies,
 * on DATABASE_URL from the environment), then closes the database connection whatever happens.
 */
export async function withCaseService<S, T>(service: Type<S>, use: (s: S) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliCasesModule, { logger: false });
  try {
    return await use(app.get(service));
  } finally {
    await app.close();
  }
}
