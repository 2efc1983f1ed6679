export * from './queues';
export * from './jobs';
export * from './scan-verification';
