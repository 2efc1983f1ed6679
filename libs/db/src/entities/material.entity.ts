import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A material handed in for a case: at receipt, on resubmission or as a supplement. */
@Entity('materials')
export class MaterialEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) caseId: string;
  @Column() name: string;
  /** original (原件), copy (复印件) or electronic. */
  @Column() form: string;
  @Column({ type: 'int', nullable: true }) pages: number | null;
  /** receive | resubmit | supplement */
  @Column() stage: string;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}
