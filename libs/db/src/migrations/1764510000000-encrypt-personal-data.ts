import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig, PiiCipher } from '@app/common';

/**
 * ID and phone numbers encrypted at rest (AES-256-GCM under PII_KEY), with a lookup hash of the ID
 * number. Rows written before are encrypted here, under the key of the environment that migrates.
 */
export class EncryptPersonalData1764510000000 implements MigrationInterface {
  name = 'EncryptPersonalData1764510000000';

  async up(q: QueryRunner): Promise<void> {
    const cipher = new PiiCipher(loadConfig().PII_KEY);
    await q.query(`ALTER TABLE applications ADD COLUMN applicant_id_hash text`);
    const rows: { id: string; applicant_id_number: string; applicant_phone: string }[] = await q.query(
      `SELECT id, applicant_id_number, applicant_phone FROM applications WHERE applicant_id_number NOT LIKE 'v1:%'`,
    );
    for (const row of rows) {
      await q.query(
        `UPDATE applications SET applicant_id_number = $2, applicant_phone = $3, applicant_id_hash = $4 WHERE id = $1`,
        [
          row.id,
          cipher.encrypt(row.applicant_id_number),
          cipher.encrypt(row.applicant_phone),
          cipher.lookupHash(row.applicant_id_number),
        ],
      );
    }
    await q.query(`ALTER TABLE applications ALTER COLUMN applicant_id_hash SET NOT NULL`);
    await q.query(`CREATE INDEX applications_applicant_idx ON applications (applicant_id_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const cipher = new PiiCipher(loadConfig().PII_KEY);
    const rows: { id: string; applicant_id_number: string; applicant_phone: string }[] = await q.query(
      `SELECT id, applicant_id_number, applicant_phone FROM applications`,
    );
    for (const row of rows) {
      await q.query(`UPDATE applications SET applicant_id_number = $2, applicant_phone = $3 WHERE id = $1`, [
        row.id,
        cipher.decrypt(row.applicant_id_number),
        cipher.decrypt(row.applicant_phone),
      ]);
    }
    await q.query(`ALTER TABLE applications DROP COLUMN applicant_id_hash`);
  }
}
