export * from './canonical-json';
export * from './handover-receipt';
export * from './handover-keys';
export * from './receipt-file';
