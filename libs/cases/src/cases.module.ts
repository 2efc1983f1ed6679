import { ClaimService } from './claims/claim.service';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/common';
import { CourierProvider, SimulatedCourier } from '@app/transfer';
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
import { Custody } from './custody/custody';
import { ParcelService } from './custody/parcel.service';
import { ParcelTracking } from './custody/parcel-tracking';
import { DocumentViews } from './documents/document-views';
import { EvaluationService } from './evaluation.service';
import { ReceiveCaseService } from './receive-case.service';
import { RectificationService } from './clocks/rectification';
import { ScanService } from './scan.service';
import { StatisticsService } from './statistics/statistics.service';
import { NoticeDelivery } from './notices/notice-delivery';
import { NoticeQueryService } from './notices/notice-query.service';
import { HandoverQueryService } from './custody/handover-query.service';
import { HandoverSigner } from './custody/handover-signer';
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
  Custody,
  ParcelService,
  ParcelTracking,
  HandoverSigner,
  HandoverQueryService,
  DocumentViews,
  ClaimService,
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

/**
 * The carrier parcels travel with: the simulated one (reproducible from COURIER_SEED). A real
 * carrier's adapter, a CourierProvider, takes its place here.
 */
const COURIER = {
  provide: CourierProvider,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    new SimulatedCourier({
      transitMs: {
        materials: config.COURIER_TRANSIT_MS,
        archive: config.COURIER_TRANSIT_MS,
        result: config.RESULT_MAIL_TRANSIT_MS,
      },
      lossRate: config.COURIER_LOSS_RATE,
      seed: config.COURIER_SEED,
      lostWaybillPattern: config.COURIER_LOST_WAYBILL_PATTERN
        ? new RegExp(config.COURIER_LOST_WAYBILL_PATTERN)
        : null,
    }),
};

/** Case lifecycle: receive, apply events, read; parcels and their custody. Needs DbModule and ConfigModule in the app. */
@Module({
  providers: [CASE_REPOSITORY, TRANSPORT, COURIER, ...SERVICES],
  exports: [CaseRepository, NOTIFICATION_TRANSPORT, CourierProvider, ...SERVICES],
})
export class CasesModule {}
