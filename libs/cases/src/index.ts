export * from './actor';
export * from './audit-chain';
export * from './case-errors';
export * from './case-queries.service';
export * from './case.service';
export * from './cases.module';
export * from './masking';
export * from './receive-application.service';
