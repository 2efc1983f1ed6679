import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@app/common';
import { AccountService } from './account.service';
import { StaffTokens } from './staff-tokens';

/** Staff accounts and their tokens. Needs DbModule and ConfigModule in the app. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET }),
    }),
  ],
  providers: [AccountService, StaffTokens],
  exports: [AccountService, StaffTokens],
})
export class AccountsModule {}
