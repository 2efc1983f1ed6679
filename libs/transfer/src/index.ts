export * from './queues';
export * from './transfer-plan';
export * from './scan-verification';
