export * from './entities';
export * from './entities/service-item.types';
export * from './migrations';
export * from './data-source-options';
export * from './database';
export * from './db.module';
export * from './audit-chain';
export * from './pii-keys';
