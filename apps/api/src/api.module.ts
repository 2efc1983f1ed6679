import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CasesModule } from '@app/cases';
import { CatalogueModule } from '@app/catalogue';
import { ConfigModule, LoggerModule } from '@app/common';
import { DbModule } from '@app/db';
import { ApplicationsController } from './applications/applications.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { HealthModule } from './health/health.module';
import { ErrorShapeFilter } from './http/error-shape.filter';
import { InboxController } from './inbox/inbox.controller';
import { ScansController } from './scans/scans.controller';
import { TrackingThrottleModule } from './tracking/tracking-throttle';
import { TrackingController } from './tracking/tracking.controller';

/** The HTTP api: window, jurisdiction, tracking, catalogue and health endpoints under /api/v1. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule,
    DbModule,
    CasesModule,
    CatalogueModule,
    HealthModule,
    TrackingThrottleModule,
  ],
  controllers: [
    ApplicationsController,
    ScansController,
    CatalogueController,
    InboxController,
    TrackingController,
  ],
  providers: [{ provide: APP_FILTER, useClass: ErrorShapeFilter }],
})
export class ApiModule {}
