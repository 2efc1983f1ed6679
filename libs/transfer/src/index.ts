export * from './queues';
export * from './jobs';
export * from './scan-verification';
export * from './outbox.repository';
export * from './transfer.repository';
