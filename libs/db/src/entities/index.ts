import { CalendarYearChangeEntity, CalendarYearEntity } from './calendar-year.entity';
import { CaseEntity } from './case.entity';
import { CaseEventEntity } from './case-event.entity';
import { EvaluationEntity } from './evaluation.entity';
import { JurisdictionEntity } from './jurisdiction.entity';
import { MaterialEntity } from './material.entity';
import { OutboxEntity } from './outbox.entity';
import {
  ParcelEntity,
  ParcelItemEntity,
  ParcelLegEntity,
  type ManifestOriginal,
  type ParcelItemStatus,
  type ParcelLeg,
  type ParcelStatus,
  type TrackingStatus,
} from './parcel.entity';
import { ScanEntity } from './scan.entity';
import { ServiceItemEntity } from './service-item.entity';
import { StaffAccountEntity, type StaffRole } from './staff-account.entity';
import { TransferEntity } from './transfer.entity';
import { WindowEntity } from './window.entity';

export {
  CalendarYearChangeEntity,
  CalendarYearEntity,
  CaseEntity,
  CaseEventEntity,
  EvaluationEntity,
  JurisdictionEntity,
  MaterialEntity,
  OutboxEntity,
  ParcelEntity,
  ParcelItemEntity,
  ParcelLegEntity,
  ScanEntity,
  ServiceItemEntity,
  StaffAccountEntity,
  TransferEntity,
  WindowEntity,
  type ManifestOriginal,
  type ParcelItemStatus,
  type ParcelLeg,
  type ParcelStatus,
  type StaffRole,
  type TrackingStatus,
};

/** Every entity, for the data source. */
export const ENTITIES = [
  ServiceItemEntity,
  WindowEntity,
  JurisdictionEntity,
  CaseEntity,
  MaterialEntity,
  TransferEntity,
  CaseEventEntity,
  OutboxEntity,
  EvaluationEntity,
  ScanEntity,
  StaffAccountEntity,
  CalendarYearEntity,
  CalendarYearChangeEntity,
  ParcelEntity,
  ParcelItemEntity,
  ParcelLegEntity,
];
