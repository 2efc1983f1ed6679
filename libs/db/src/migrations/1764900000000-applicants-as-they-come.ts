import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 items 1 and 2. Applicants as they come: a natural person or a legal person
 * (`applicant_kind`), the rest of the applicant (a passport's nationality, a legal person's
 * representative), an agent (代理人) and a mailing address (邮寄地址), each PiiCipher-encrypted JSON or
 * null. Evidence as it was seen: a copy checked against its original (原件核验) records the clerk's
 * account and the server's time, on the material and on a scan of it. Every existing case is a
 * natural person with a resident ID, as the defaults say, and a material may now be a certified
 * copy (核证副本); their RECEIVE rows did not sign the new
 * columns, and verification reads an unsigned new column as its default (audit-chain.ts).
 */
export class ApplicantsAsTheyCome1764900000000 implements MigrationInterface {
  name = 'ApplicantsAsTheyCome1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE applications
         ADD COLUMN applicant_kind text NOT NULL DEFAULT 'natural_person'
           CHECK (applicant_kind IN ('natural_person', 'legal_person')),
         ADD COLUMN applicant_details text,
         ADD COLUMN agent text,
         ADD COLUMN mailing_address text`,
    );
    await q.query(
      `ALTER TABLE materials
         ADD COLUMN original_checked_by text,
         ADD COLUMN original_checked_at timestamptz,
         ADD CONSTRAINT materials_original_check_whole
           CHECK ((original_checked_by IS NULL) = (original_checked_at IS NULL)),
         ADD CONSTRAINT materials_original_check_of_copy
           CHECK (original_checked_by IS NULL OR form = 'copy'),
         DROP CONSTRAINT materials_form_check,
         ADD CONSTRAINT materials_form_check
           CHECK (form IN ('original', 'certifiedCopy', 'copy', 'electronic'))`,
    );
    await q.query(
      `ALTER TABLE scans
         ADD COLUMN original_checked_by text,
         ADD COLUMN original_checked_at timestamptz,
         ADD CONSTRAINT scans_original_check_whole
           CHECK ((original_checked_by IS NULL) = (original_checked_at IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE scans DROP CONSTRAINT scans_original_check_whole,
         DROP COLUMN original_checked_by, DROP COLUMN original_checked_at`,
    );
    // A certified copy (核证副本) was a copy (复印件) before.
    await q.query(`UPDATE materials SET form = 'copy' WHERE form = 'certifiedCopy'`);
    await q.query(
      `ALTER TABLE materials DROP CONSTRAINT materials_form_check,
         ADD CONSTRAINT materials_form_check CHECK (form IN ('original', 'copy', 'electronic')),
         DROP CONSTRAINT materials_original_check_of_copy,
         DROP CONSTRAINT materials_original_check_whole,
         DROP COLUMN original_checked_by, DROP COLUMN original_checked_at`,
    );
    await q.query(
      `ALTER TABLE applications DROP COLUMN applicant_kind, DROP COLUMN applicant_details,
         DROP COLUMN agent, DROP COLUMN mailing_address`,
    );
  }
}
