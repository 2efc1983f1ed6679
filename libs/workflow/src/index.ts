export * from './case.context';
export * from './case.events';
export * from './case.machine';
export * from './case-snapshot';
export * from './snapshot-migrations';
export * from './machine-diagram';
export * from './case-refusals';
export * from './materials';
