import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { PiiCipher } from './pii-cipher';
import { FileStorage } from './storage/file-storage';
import { LocalFileStorage } from './storage/local-file-storage';

/** Provides the validated AppConfig, the PiiCipher under its key and the FileStorage to every module. */
@Global()
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => loadConfig() },
    { provide: PiiCipher, inject: [AppConfig], useFactory: (c: AppConfig) => new PiiCipher(c.PII_KEY) },
    {
      provide: FileStorage,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new LocalFileStorage(c.STORAGE_DIR),
    },
  ],
  exports: [AppConfig, PiiCipher, FileStorage],
})
export class ConfigModule {}
