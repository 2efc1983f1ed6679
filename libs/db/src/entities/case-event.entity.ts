import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditHashScheme } from '../audit-chain';

/**
 * The append-only audit trail: one row per accepted event. `hash` is HMAC-SHA256 under AUDIT_KEY over
 * the canonical row including `prev_hash`, chaining each case's history so that an edited row is
 * detectable (libs/db/src/audit-chain.ts, docs/AUDIT.md).
 */
@Entity('case_events')
export class CaseEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  /** 1, 2, 3 … per case; equals the case's version after the event. */
  @Column({ type: 'int' }) seq: number;
  /** Unique per case when given: a job's id, so a redelivered job is recognised as a duplicate. */
  @Column({ name: 'event_id', type: 'text', nullable: true }) eventId: string | null;
  @Column() type: string;
  @Column({ name: 'from_state', type: 'text', nullable: true }) fromState: string | null;
  @Column({ name: 'to_state' }) toState: string;
  @Column({ name: 'actor_role' }) actorRole: string;
  @Column({ name: 'actor_id' }) actorId: string;
  @Column({ type: 'jsonb' }) payload: Record<string, any>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'prev_hash', type: 'text', nullable: true }) prevHash: string | null;
  @Column() hash: string;
  /** How `hash` was made: `hmac-sha256` (AUDIT_KEY), or `sha256` for a legacy row not re-signed. */
  @Column({ name: 'hash_scheme', type: 'text' }) hashScheme: AuditHashScheme;
}
