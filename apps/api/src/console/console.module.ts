import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { CatalogueModule } from '@app/catalogue';
import { CasesModule } from '@app/cases';
import { ApiThrottleModule } from '../http/throttle';
import { AdminAccountsController } from './controllers/admin-accounts.controller';
import { AdminCalendarController } from './controllers/admin-calendar.controller';
import { ApplicantController } from './controllers/applicant.controller';
import { ConsoleClaimsController } from './controllers/claims.controller';
import { ConsoleHomeController } from './controllers/console-home.controller';
import { StaffHomeController } from './controllers/staff-home.controller';
import { StaffSessionController } from './controllers/staff-session.controller';
import { StaffCaseController } from './controllers/staff-case.controller';
import { CaseDocumentsController } from './controllers/case-documents.controller';
import { OfficerQueuesController } from './controllers/officer-queues.controller';
import { ConsoleParcelsController } from './controllers/parcels.controller';
import { ConsoleScansController } from './controllers/scans.controller';
import { IntakeController } from './controllers/intake.controller';
import { StatisticsPageController } from './controllers/statistics.controller';
import { ConsoleCsrf } from './http/csrf';
import { Pages } from './http/pages';
import { StaffSession } from './http/staff-session';
import { ConsoleQueries } from './view-models/console-queries';
import { CasePageQueries } from './view-models/case-page-queries';
import { PaperQueries } from './view-models/paper-queries';
import { IdCardReader, StandInIdCardReader } from './id-reader/id-card-reader';

/**
 * The console (issue 14): server-rendered pages in Chinese under `/console/`, same process and port
 * as the JSON api, asking the api's own services. Layout of `apps/api/src/console/`:
 * - `controllers/`: one per room (front door, staff session, staff home, applicant);
 * - `http/`: cookies, the staff session, CSRF, form reading, page rendering, the error-page filter;
 * - `view-models/`: what a page shows, built from the services' views (pure where it can be);
 * - `views/`: Eta templates (`layout.eta` frames every page; `staff/`, `applicant/`);
 * - `id-reader/`: the window's ID-card reader port (IdCardReader) and its stand-in;
 * - `assets/`: the one stylesheet and the intake's script (htmx comes from node_modules), served at `/console/assets/`;
 * - `console-setup.ts`: what the Fastify instance needs (cookies, views, assets, CSP, form bodies).
 */
@Module({
  imports: [CasesModule, AccountsModule, ApiThrottleModule, CatalogueModule],
  controllers: [
    ConsoleHomeController,
    StaffSessionController,
    StaffHomeController,
    ApplicantController,
    StaffCaseController,
    CaseDocumentsController,
    OfficerQueuesController,
    ConsoleParcelsController,
    ConsoleScansController,
    IntakeController,
    ConsoleClaimsController,
    StatisticsPageController,
    AdminAccountsController,
    AdminCalendarController,
  ],
  // ConsolePageFilter and the guards are the controllers' injectables: Nest builds them from these.
  providers: [
    Pages,
    ConsoleCsrf,
    StaffSession,
    ConsoleQueries,
    CasePageQueries,
    PaperQueries,
    // The window's ID-card reader: the stand-in (invented cards); a deployment binds its real reader here.
    { provide: IdCardReader, useClass: StandInIdCardReader },
  ],
})
export class ConsoleModule {}
