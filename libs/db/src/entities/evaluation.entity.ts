import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The applicant's service evaluation (好差评), once per case, after the result is delivered: both
 * sides of a proxy case rated, the receiving window and the home jurisdiction.
 */
@Entity('evaluations')
export class EvaluationEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) caseId: string;
  /** The receiving window's service: very_satisfied | satisfied | basically_satisfied | dissatisfied | very_dissatisfied */
  @Column({ name: 'window_grade' }) windowGrade: string;
  /** The home jurisdiction's service, the same five grades. */
  @Column({ name: 'jurisdiction_grade' }) jurisdictionGrade: string;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
