import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig, piiCipherFrom } from '@app/common';

/** Rows rehashed per statement while filling the column. */
const BATCH = 500;

/**
 * Issue 14 (the officer finds a case by the applicant's ID number): `applicant_id_lookup`, the
 * HMAC of the ID number under PII_KEY (PiiCipher.idNumberLookup), indexed, so a search compares
 * hashes and the number stays encrypted. Existing cases are hashed here, decrypted with the keys
 * of the environment that migrates (PII_KEY, PII_PREVIOUS_KEYS: the start check requires every
 * key the stored data needs), 500 rows per statement.
 */
export class ApplicantIdLookup1765700000000 implements MigrationInterface {
  name = 'ApplicantIdLookup1765700000000';

  async up(q: QueryRunner): Promise<void> {
    const cipher = piiCipherFrom(loadConfig());
    await q.query(`ALTER TABLE applications ADD COLUMN applicant_id_lookup text`);
    for (;;) {
      const rows: { id: string; applicant_id_number: string }[] = await q.query(
        `SELECT id, applicant_id_number FROM applications WHERE applicant_id_lookup IS NULL LIMIT ${BATCH}`,
      );
      if (rows.length === 0) break;
      await q.query(
        `UPDATE applications a SET applicant_id_lookup = v.lookup
           FROM unnest($1::uuid[], $2::text[]) AS v(id, lookup) WHERE a.id = v.id`,
        [
          rows.map((r) => r.id),
          rows.map((r) => cipher.idNumberLookup(cipher.decrypt(r.applicant_id_number))),
        ],
      );
    }
    await q.query(`ALTER TABLE applications ALTER COLUMN applicant_id_lookup SET NOT NULL`);
    await q.query(`CREATE INDEX applications_applicant_id_lookup_idx ON applications (applicant_id_lookup)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_applicant_id_lookup_idx`);
    await q.query(`ALTER TABLE applications DROP COLUMN applicant_id_lookup`);
  }
}
