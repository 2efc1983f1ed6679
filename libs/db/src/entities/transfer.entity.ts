import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One movement of a case's papers: `forward` (window → home jurisdiction, courier or scan) or
 * `result` (home jurisdiction → applicant, mail or online). Kept apart from the case: one parcel
 * carries the transfers of several cases.
 */
@Entity('transfers')
export class TransferEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) caseId: string;
  /** forward | result */
  @Column() direction: string;
  /** courier | scan | mail | online */
  @Column() channel: string;
  /** The waybill of the parcel it travels in (cases packed together share it; `parcels` keeps it unique). */
  @Column({ name: 'waybill_number', type: 'text', nullable: true }) waybillNumber: string | null;
  /** The parcel a courier transfer travels in (courier forward and mailed result since issue 13). */
  @Column({ name: 'parcel_id', type: 'uuid', nullable: true }) parcelId: string | null;
  @Column({ name: 'scan_digests', type: 'text', array: true, nullable: true }) scanDigests: string[] | null;
  /** in_transit | delivered | failed | cancelled (the case was withdrawn while it travelled) */
  @Column() status: string;
  @Column({ name: 'failure_reason', type: 'text', nullable: true }) failureReason: string | null;
  @CreateDateColumn({ name: 'dispatched_at', type: 'timestamptz' }) dispatchedAt: Date;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
}
