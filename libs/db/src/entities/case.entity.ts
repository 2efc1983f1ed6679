import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PersistedCaseSnapshot } from '@app/workflow';

/**
 * One case (申请/办件; the table keeps its first name, `applications`). `state` is the dotted state value, `snapshot` the machine's stored
 * snapshot (its own `machineVersion` says which machine wrote it); both change only through the
 * write path (CaseWriter), with `version` checked in the UPDATE. `version` is the number of rows of
 * the case's history: 0 only inside the transaction that receives it, before its RECEIVE row.
 */
@Entity('applications')
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Printed on the acknowledgement receipt (受理回执). */
  @Column({ name: 'case_number', unique: true }) caseNumber: string;
  /**
   * The six-digit query code printed on the receipt (with the case number it opens the applicant's
   * tracking view), kept only as PiiCipher.queryCodeHash: `<key id>:<HMAC>`, never in clear.
   */
  @Column({ name: 'query_code_hash' }) queryCodeHash: string;
  @Column({ name: 'item_code' }) itemCode: string;
  @Column({ name: 'window_code' }) windowCode: string;
  @Column({ name: 'jurisdiction_code' }) jurisdictionCode: string;
  /** natural_person (自然人) or legal_person (法人和其他组织). */
  @Column({ name: 'applicant_kind' }) applicantKind: string;
  /** A person's name, or a legal person's (its representative's is in `applicantDetails`). */
  @Column({ name: 'applicant_name' }) applicantName: string;
  @Column({ name: 'applicant_id_type' }) applicantIdType: string;
  /** Encrypted (PiiCipher): never plaintext at rest. */
  @Column({ name: 'applicant_id_number' }) applicantIdNumber: string;
  /** HMAC of the ID number under PII_KEY (PiiCipher.idNumberLookup): finds a person's cases, reveals nothing. */
  @Column({ name: 'applicant_id_lookup', type: 'text' }) applicantIdLookup: string;
  /** Encrypted (PiiCipher). */
  @Column({ name: 'applicant_phone' }) applicantPhone: string;
  /**
   * Encrypted (PiiCipher) JSON of the rest of the applicant (ApplicantDetails: a passport's
   * nationality, a legal person's representative); null when there is none.
   */
  @Column({ name: 'applicant_details', type: 'text', nullable: true }) applicantDetails: string | null;
  /** Encrypted (PiiCipher) JSON of the agent (代理人: AgentIn); null when the applicant came in person. */
  @Column({ type: 'text', nullable: true }) agent: string | null;
  /** Encrypted (PiiCipher) JSON of the mailing address (邮寄地址: MailingAddressIn); null when none was given. */
  @Column({ name: 'mailing_address', type: 'text', nullable: true }) mailingAddress: string | null;
  @Column() state: string;
  @Column({ type: 'jsonb' }) snapshot: PersistedCaseSnapshot;
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
