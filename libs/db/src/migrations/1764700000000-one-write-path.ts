import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig, piiCipherFrom } from '@app/common';

/**
 * Issue 11 items 6 and 7. (1) Receiving goes through the one write path: the case row is inserted
 * at version 0 and its RECEIVE row moves it to 1 in the same statement as every other history row,
 * so a version of 0 is allowed (only ever seen inside that transaction; verification reports a
 * committed one as broken). (2) Two columns nothing read are dropped: `applicant_id_hash` (a keyed
 * hash of the ID number that linked one person's cases, for a search that was never built) with its
 * index, and `machine_version` (a copy of the snapshot's own `machineVersion`, written at receipt
 * and never updated: restoring reads the snapshot's).
 */
export class OneWritePath1764700000000 implements MigrationInterface {
  name = 'OneWritePath1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications DROP CONSTRAINT applications_version_check`);
    await q.query(`ALTER TABLE applications ADD CONSTRAINT applications_version_check CHECK (version >= 0)`);
    await q.query(`DROP INDEX applications_applicant_idx`);
    await q.query(`ALTER TABLE applications DROP COLUMN applicant_id_hash, DROP COLUMN machine_version`);
  }

  /** Restores both columns: the lookup hash under the PII_KEY of the environment that migrates. */
  async down(q: QueryRunner): Promise<void> {
    const cipher = piiCipherFrom(loadConfig());
    await q.query(
      `ALTER TABLE applications ADD COLUMN applicant_id_hash text, ADD COLUMN machine_version int`,
    );
    await q.query(`UPDATE applications SET machine_version = (snapshot->>'machineVersion')::int`);
    const rows: { id: string; applicant_id_number: string }[] = await q.query(
      `SELECT id, applicant_id_number FROM applications`,
    );
    for (const row of rows) {
      await q.query(`UPDATE applications SET applicant_id_hash = $2 WHERE id = $1`, [
        row.id,
        cipher.lookupHash(cipher.decrypt(row.applicant_id_number)),
      ]);
    }
    await q.query(
      `ALTER TABLE applications ALTER COLUMN applicant_id_hash SET NOT NULL, ALTER COLUMN machine_version SET NOT NULL`,
    );
    await q.query(`CREATE INDEX applications_applicant_idx ON applications (applicant_id_hash)`);
    await q.query(`ALTER TABLE applications DROP CONSTRAINT applications_version_check`);
    await q.query(`ALTER TABLE applications ADD CONSTRAINT applications_version_check CHECK (version > 0)`);
  }
}
