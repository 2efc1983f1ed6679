export * from './queues';
export * from './transfer-plan';
