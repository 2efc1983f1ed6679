import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { PiiCipher, piiCipherFrom } from './pii-cipher';
import { FileStorage } from './storage/file-storage';
import { LocalFileStorage } from './storage/local-file-storage';

/** Provides the validated AppConfig, the PiiCipher under its keys (PII_KEY, PII_PREVIOUS_KEYS) and the FileStorage to every module. */
@Global()
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => loadConfig() },
    { provide: PiiCipher, inject: [AppConfig], useFactory: (c: AppConfig) => piiCipherFrom(c) },
    {
      provide: FileStorage,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new LocalFileStorage(c.STORAGE_DIR),
    },
  ],
  exports: [AppConfig, PiiCipher, FileStorage],
})
export class ConfigModule {}
