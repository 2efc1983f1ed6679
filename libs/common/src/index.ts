export * from './app-config';
export * from './config.module';
export * from './division-code';
export * from './logger.module';
export * from './pii-cipher';
export * from './storage/file-storage';
export * from './storage/local-file-storage';
export * from './redis-connection';
