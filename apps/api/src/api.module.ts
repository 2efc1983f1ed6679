import { ClaimsController } from './claims/claims.controller';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccountsModule } from '@app/accounts';
import { CasesModule } from '@app/cases';
import { CatalogueModule } from '@app/catalogue';
import { ConfigModule, LoggerModule } from '@app/common';
import { DbModule } from '@app/db';
import { AccountsController } from './accounts/accounts.controller';
import { AuthController } from './accounts/auth.controller';
import { CalendarController } from './calendar/calendar.controller';
import { CasesController } from './cases/cases.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { ConsoleModule } from './console/console.module';
import { HealthModule } from './health/health.module';
import { BeijingTimeInterceptor } from './http/beijing-time.interceptor';
import { ErrorShapeFilter } from './http/error-shape.filter';
import { KnownItemCode } from './http/known-item.validator';
import { StaffAuthGuard } from './http/staff-auth.guard';
import { ApiThrottleModule } from './http/throttle';
import { HandoversController } from './handovers/handovers.controller';
import { InboxController } from './inbox/inbox.controller';
import { NoticesController } from './notices/notices.controller';
import { ParcelsController } from './parcels/parcels.controller';
import { RectificationController } from './rectification/rectification.controller';
import { ScansController } from './scans/scans.controller';
import { StatisticsController } from './statistics/statistics.controller';
import { TrackingController } from './tracking/tracking.controller';

/** The HTTP api: window, jurisdiction, tracking, catalogue and health endpoints under /api/v1; the console's pages under /console. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule,
    DbModule,
    CasesModule,
    CatalogueModule,
    HealthModule,
    ApiThrottleModule,
    AccountsModule,
    ConsoleModule,
  ],
  controllers: [
    AuthController,
    AccountsController,
    CasesController,
    RectificationController,
    ScansController,
    CatalogueController,
    InboxController,
    TrackingController,
    StatisticsController,
    CalendarController,
    NoticesController,
    ParcelsController,
    HandoversController,
    ClaimsController,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ErrorShapeFilter },
    { provide: APP_GUARD, useClass: StaffAuthGuard },
    { provide: APP_INTERCEPTOR, useClass: BeijingTimeInterceptor },
    KnownItemCode,
  ],
})
export class ApiModule {}
