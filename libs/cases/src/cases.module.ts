import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { CaseQueryService } from './case-queries.service';
import { CaseService } from './case.service';
import { EvaluationService } from './evaluation.service';
import { ReceiveApplicationService } from './receive-application.service';
import { ScanService } from './scan.service';
import { StatisticsService } from './statistics.service';

const SERVICES = [
  CaseService,
  ReceiveApplicationService,
  CaseQueryService,
  EvaluationService,
  AuditService,
  ScanService,
  StatisticsService,
];

/** Case lifecycle: receive, apply events, read. Needs DbModule and ConfigModule in the app. */
@Module({ providers: SERVICES, exports: SERVICES })
export class CasesModule {}
