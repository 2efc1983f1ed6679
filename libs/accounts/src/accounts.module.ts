import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@app/common';
import { AccountService } from './account.service';
import { StaffTokens } from './staff-tokens';

/** Staff accounts and their tokens. Needs DbModule and ConfigModule in the app. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject made once: given a string, jsonwebtoken first tries it as a public key (an
      // exception) on every call, 40x slower (0.62 → 0.015 ms a verification, docs/PERFORMANCE.md).
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')),
      }),
    }),
  ],
  providers: [AccountService, StaffTokens],
  exports: [AccountService, StaffTokens],
})
export class AccountsModule {}
