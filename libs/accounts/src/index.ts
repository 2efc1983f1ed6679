export * from './accounts.module';
export * from './account.service';
export * from './create-account';
export * from './demo-accounts';
export * from './password';
export * from './staff-principal';
export * from './staff-tokens';
export * from './staff-account.repository';
