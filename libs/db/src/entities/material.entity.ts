import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A material handed in for a case: at receipt, on resubmission or as a supplement. */
@Entity('materials')
export class MaterialEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) caseId: string;
  @Column() name: string;
  /** MATERIAL_FORMS: original (原件), certifiedCopy (核证副本), copy (复印件) or electronic. */
  @Column() form: string;
  @Column({ type: 'int', nullable: true }) pages: number | null;
  /** receive | resubmit | supplement */
  @Column() stage: string;
  /**
   * 原件核验: the clerk's account that checked this copy against the original shown; null when no one
   * did (or the form is not a copy). Set by the server from the acting clerk, never from the client.
   */
  @Column({ name: 'original_checked_by', type: 'text', nullable: true }) originalCheckedBy: string | null;
  /** When the copy was checked against its original (server time); null with `originalCheckedBy`. */
  @Column({ name: 'original_checked_at', type: 'timestamptz', nullable: true })
  originalCheckedAt: Date | null;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}
