import { InitialSchema1764460000000 } from './1764460000000-initial-schema';
import { Evaluations1764470000000 } from './1764470000000-evaluations';
import { IdempotencyKeys1764480000000 } from './1764480000000-idempotency-keys';
import { OutboxJobId1764490000000 } from './1764490000000-outbox-job-id';
import { LongDelaysCancelledTransfers1764500000000 } from './1764500000000-long-delays-cancelled-transfers';
import { EncryptPersonalData1764510000000 } from './1764510000000-encrypt-personal-data';
import { Scans1764520000000 } from './1764520000000-scans';
import { StaffAccounts1764530000000 } from './1764530000000-staff-accounts';
import { ApplicationsReceivedIndex1764540000000 } from './1764540000000-applications-received-index';
import { StaffTokenVersion1764550000000 } from './1764550000000-staff-token-version';
import { KeyedAuditChain1764610000000 } from './1764610000000-keyed-audit-chain';
import { PiiKeyRing1764610000001 } from './1764610000001-pii-key-ring';
import { WaybillOnceAcceptanceDue1764630000000 } from './1764630000000-waybill-once-acceptance-due';
import { OneWritePath1764700000000 } from './1764700000000-one-write-path';
import { CalendarYears1764720000000 } from './1764720000000-calendar-years';
import { Clocks1764730000000 } from './1764730000000-clocks';
import { ClocksForOpenCases1764740000000 } from './1764740000000-clocks-for-open-cases';
import { TwoSidedEvaluations1764800000000 } from './1764800000000-two-sided-evaluations';
import { Notices1764810000000 } from './1764810000000-notices';
import { RectificationClockPerParty1764830000000 } from './1764830000000-rectification-clock-per-party';
import { ApplicantsAsTheyCome1764900000000 } from './1764900000000-applicants-as-they-come';
import { HandoverReceipts1764910000000 } from './1764910000000-handover-receipts';
import { Parcels1764920000000 } from './1764920000000-parcels';
import { CaseClaims1765300000000 } from './1765300000000-case-claims';
import { ApplicantIdLookup1765700000000 } from './1765700000000-applicant-id-lookup';

/** Every migration, oldest first (listed, not globbed, so bundles carry them). */
export const MIGRATIONS = [
  InitialSchema1764460000000,
  Evaluations1764470000000,
  IdempotencyKeys1764480000000,
  OutboxJobId1764490000000,
  LongDelaysCancelledTransfers1764500000000,
  EncryptPersonalData1764510000000,
  Scans1764520000000,
  StaffAccounts1764530000000,
  ApplicationsReceivedIndex1764540000000,
  StaffTokenVersion1764550000000,
  KeyedAuditChain1764610000000,
  PiiKeyRing1764610000001,
  WaybillOnceAcceptanceDue1764630000000,
  OneWritePath1764700000000,
  CalendarYears1764720000000,
  Clocks1764730000000,
  ClocksForOpenCases1764740000000,
  TwoSidedEvaluations1764800000000,
  Notices1764810000000,
  RectificationClockPerParty1764830000000,
  ApplicantsAsTheyCome1764900000000,
  HandoverReceipts1764910000000,
  Parcels1764920000000,
  CaseClaims1765300000000,
  ApplicantIdLookup1765700000000,
];
