import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A side effect waiting to be published to BullMQ, written in the same transaction as the state
 * change that caused it. The worker's relay publishes it with job id `outbox-<job_id>`.
 */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  /** The case the job concerns; null for a parcel's job (`parcelId`). */
  @Column({ name: 'application_id', type: 'uuid', nullable: true }) caseId: string | null;
  /** The parcel a tracking job follows; null for a case's job. */
  @Column({ name: 'parcel_id', type: 'uuid', nullable: true }) parcelId: string | null;
  /** Makes the BullMQ job id `outbox-<job_id>`: unique even across restored databases. */
  @Column({ name: 'job_id', type: 'uuid', insert: false, update: false }) jobId: string;
  /**
   * The job's name in the job map (`JOBS` of @app/transfer), which says its queue and options.
   * Each job's name is its queue's name, as when this column held the queue.
   */
  @Column() queue: string;
  @Column({ type: 'jsonb' }) payload: Record<string, any>;
  /** Delay before the job may run, ms (courier transit time). */
  @Column({ name: 'delay_ms', type: 'bigint' }) delayMs: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Set while a relay holds the row; a crashed relay's claim lapses at this time. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true }) claimedUntil: Date | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
}
