import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { PiiCipher } from './pii-cipher';

/** Provides the validated AppConfig, and the PiiCipher under its key, to every module. */
@Global()
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => loadConfig() },
    {
      provide: PiiCipher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new PiiCipher(config.PII_KEY),
    },
  ],
  exports: [AppConfig, PiiCipher],
})
export class ConfigModule {}
