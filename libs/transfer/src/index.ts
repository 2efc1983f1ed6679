export * from './queues';
export * from './jobs';
export * from './scan-verification';
export * from './outbox.repository';
export * from './transfer.repository';
export * from './handovers';
export * from './handover.repository';
