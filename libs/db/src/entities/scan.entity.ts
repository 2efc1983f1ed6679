import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A scanned page or document of a material, uploaded at the window and kept in FileStorage. */
@Entity('scans')
export class ScanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'material_name' }) materialName: string;
  /** Taken from the bytes, never from the client: application/pdf, image/jpeg or image/png. */
  @Column({ name: 'content_type' }) contentType: string;
  @Column({ type: 'int' }) bytes: number;
  /** SHA-256 hex computed by the server; a scan transfer sends these digests. */
  @Column() sha256: string;
  @Column({ name: 'storage_key' }) storageKey: string;
  /**
   * The 原件核验 of the material scanned, as it stood at upload: who checked the copy against its
   * original and when; null when its material was not so checked.
   */
  @Column({ name: 'original_checked_by', type: 'text', nullable: true }) originalCheckedBy: string | null;
  @Column({ name: 'original_checked_at', type: 'timestamptz', nullable: true })
  originalCheckedAt: Date | null;
  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt: Date;
}
