import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The applicant's service evaluation (好差评), once per case, after the result is delivered. */
@Entity('evaluations')
export class EvaluationEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) caseId: string;
  /** very_satisfied | satisfied | basically_satisfied | dissatisfied | very_dissatisfied */
  @Column() grade: string;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
