import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/common';
import { AuditService } from './audit.service';
import { CalendarService } from './clocks/calendar.service';
import { CaseQueryService } from './case-query.service';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';
import { CaseWriter } from './case-writer';
import { ClockKeeper } from './clocks/clock-keeper';
import { ClockRecomputation } from './clocks/clock-recomputation';
import { ClockSweep } from './clocks/clock-sweep';
import { LawCalendar } from './clocks/law-calendar';
import { DocumentViews } from './documents/document-views';
import { EvaluationService } from './evaluation.service';
import { ReceiveCaseService } from './receive-case.service';
import { RectificationService } from './clocks/rectification';
import { ScanService } from './scan.service';
import { StatisticsService } from './statistics/statistics.service';
import { NoticeDelivery } from './notices/notice-delivery';
import { NoticeQueryService } from './notices/notice-query.service';
import { NOTIFICATION_TRANSPORT, notificationTransport } from './notices/notification-transport';

const SERVICES = [
  CaseWriter,
  CaseService,
  ReceiveCaseService,
  CaseQueryService,
  EvaluationService,
  RectificationService,
  AuditService,
  ScanService,
  StatisticsService,
  CalendarService,
  LawCalendar,
  ClockKeeper,
  ClockRecomputation,
  ClockSweep,
  NoticeQueryService,
  NoticeDelivery,
  DocumentViews,
];

/** The case repository over the app's data source, signing history rows under its AUDIT_KEY. */
const CASE_REPOSITORY = {
  provide: CaseRepository,
  inject: [DataSource, AppConfig],
  useFactory: (dataSource: DataSource, config: AppConfig) => CaseRepository.over(dataSource, config),
};

/** The notification transport NOTICE_TRANSPORT names. */
const TRANSPORT = {
  provide: NOTIFICATION_TRANSPORT,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => notificationTransport(config.NOTICE_TRANSPORT),
};

/** Case lifecycle: receive, apply events, read. Needs DbModule and ConfigModule in the app. */
@Module({
  providers: [CASE_REPOSITORY, TRANSPORT, ...SERVICES],
  exports: [CaseRepository, NOTIFICATION_TRANSPORT, ...SERVICES],
})
export class CasesModule {}
