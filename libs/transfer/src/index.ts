export * from './queues';
export * from './jobs';
export * from './scan-verification';
export * from './outbox.repository';
export * from './transfer.repository';
export * from './parcels/parcel.repository';
export * from './courier/courier-provider';
export * from './courier/simulated-courier';
