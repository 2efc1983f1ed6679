import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PostagePayer } from './service-item.types';

/** Which way a parcel goes: papers to the home jurisdiction, the result to the applicant, originals to the archive. */
export type ParcelLeg = 'materials' | 'result' | 'archive';
/** open (being packed) → sealed (with the carrier) → delivered (at the door) → checkedIn; or failed (lost, overdue). */
export type ParcelStatus = 'open' | 'sealed' | 'delivered' | 'checkedIn' | 'failed';

/**
 * A parcel (材料交接单 / 邮件): the papers of one or more cases going one way between two parties, under
 * one waybill once sealed. Its lines are `parcel_items`, its carrier's reports `parcel_legs`.
 */
@Entity('parcels')
export class ParcelEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** `<from code>-P<yyyymmdd Beijing>-<6-digit sequence>`, printed on the manifest. */
  @Column({ name: 'parcel_number' }) parcelNumber: string;
  @Column() leg: ParcelLeg;
  /** window | jurisdiction */
  @Column({ name: 'from_kind' }) fromKind: 'window' | 'jurisdiction';
  @Column({ name: 'from_code' }) fromCode: string;
  /** jurisdiction | applicant (the result leg; its code is the case number) */
  @Column({ name: 'to_kind' }) toKind: 'jurisdiction' | 'applicant';
  @Column({ name: 'to_code' }) toCode: string;
  @Column() status: ParcelStatus;
  @Column({ name: 'waybill_number', type: 'text', nullable: true }) waybillNumber: string | null;
  @Column({ type: 'text', nullable: true }) carrier: string | null;
  @Column({ name: 'postage_paid_by', type: 'text', nullable: true }) postagePaidBy: PostagePayer | null;
  /** SHA-256 hex of the manifest's canonical JSON, fixed at sealing (what the hand-over receipt signs). */
  @Column({ name: 'manifest_sha256', type: 'text', nullable: true }) manifestSha256: string | null;
  @Column({ name: 'opened_by' }) openedBy: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Column({ name: 'sealed_by', type: 'text', nullable: true }) sealedBy: string | null;
  @Column({ name: 'sealed_at', type: 'timestamptz', nullable: true }) sealedAt: Date | null;
  /** The moment the carrier must have delivered by (end of the COURIER_DELIVERY_WORKING_DAYS-th working day). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @Column({ name: 'checked_in_by', type: 'text', nullable: true }) checkedInBy: string | null;
  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true }) checkedInAt: Date | null;
  @Column({ name: 'failure_reason', type: 'text', nullable: true }) failureReason: string | null;
}

/** An original as a manifest line lists it, and, once checked in, as it was found. */
export interface ManifestOriginal {
  materialId: string;
  name: string;
  pages: number | null;
  form: string;
  outcome?: 'received' | 'missing' | 'damaged';
  note?: string;
}

/** packed → sealed → received | discrepancy | returned (withdrawn meanwhile) | failed (lost); or removed before sealing. */
export type ParcelItemStatus =
  'packed' | 'removed' | 'sealed' | 'received' | 'discrepancy' | 'returned' | 'failed';

/** One case's line of a parcel: its originals, and the transfer that carries them once sealed. */
@Entity('parcel_items')
export class ParcelItemEntity {
  @PrimaryColumn({ name: 'parcel_id', type: 'uuid' }) parcelId: string;
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'transfer_id', type: 'uuid', nullable: true }) transferId: string | null;
  @Column() status: ParcelItemStatus;
  @Column({ type: 'jsonb' }) originals: ManifestOriginal[];
  @Column({ name: 'packed_by' }) packedBy: string;
  @Column({ name: 'packed_at', type: 'timestamptz' }) packedAt: Date;
}

/** What a carrier reports of a parcel (物流轨迹). */
export type TrackingStatus = 'collected' | 'inTransit' | 'outForDelivery' | 'delivered' | 'lost';

/** One tracking leg of a parcel as its carrier reported it, once per status. */
@Entity('parcel_legs')
export class ParcelLegEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'parcel_id', type: 'uuid' }) parcelId: string;
  @Column() status: TrackingStatus;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column() location: string;
  /** For `delivered`: the name the recipient signed with (签收人). */
  @Column({ name: 'signed_by', type: 'text', nullable: true }) signedBy: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
