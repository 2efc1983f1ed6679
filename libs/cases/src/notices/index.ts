export * from './notice-texts';
export * from './notice-rules';
export * from './notice.repository';
export * from './notification-transport';
export * from './record-notices';
export * from './notice-delivery';
export * from './notice-query.service';
