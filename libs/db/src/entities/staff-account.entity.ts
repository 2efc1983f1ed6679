import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** What a staff account may do: receive at a window, handle at a home jurisdiction, supervise, administer. */
export type StaffRole = 'clerk' | 'officer' | 'supervisor' | 'admin';

/**
 * A staff account (工作人员账号). Bound to exactly what its role needs, enforced by a CHECK in the
 * schema: a clerk to one window, an officer to one home jurisdiction, a supervisor to one division
 * (GB/T 2260), an admin to nothing.
 */
@Entity('staff_accounts')
export class StaffAccountEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Lowercase letters, digits, dots and dashes; unique. Written into the audit trail as the actor id. */
  @Column({ unique: true }) username: string;
  /** bcrypt hash (cost and salt inside); the password itself is never stored. */
  @Column({ name: 'password_hash' }) passwordHash: string;
  @Column({ type: 'text' }) role: StaffRole;
  @Column({ name: 'window_code', type: 'text', nullable: true }) windowCode: string | null;
  @Column({ name: 'jurisdiction_code', type: 'text', nullable: true }) jurisdictionCode: string | null;
  @Column({ name: 'division_code', type: 'char', length: 6, nullable: true }) divisionCode: string | null;
  /**
   * 科室负责人: an officer who leads their jurisdiction's officers and may reassign the cases an
   * absent colleague holds (issue 14); false for every other account (a CHECK keeps it to officers).
   */
  @Column({ default: false }) lead: boolean;
  /** A deactivated account cannot sign in, and the tokens it holds are refused from the next request. */
  @Column({ default: true }) active: boolean;
  /** Carried by every token; moved on by each password change, deactivation and reactivation, so older tokens are refused. */
  @Column({ name: 'token_version', type: 'int', default: 1 }) tokenVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
