import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig, piiCipherFrom } from '@app/common';
import { registerCurrentPiiKey } from '../pii-keys';

/**
 * Issue 10 items 3 and 10. (1) `pii_keys` keeps each PII key's id and check value (never the key)
 * so api and worker refuse to start under a key that cannot read what is stored; every value is
 * rewritten as `v2:<key id>:…` under PII_KEY. (2) The receipt's query code is kept only as a keyed
 * hash (`query_code_hash`). Like 1764510000000, the keys are those of the environment that
 * migrates; a key that cannot read a stored value stops the migration, naming PII_KEY.
 */
export class PiiKeyRing1764610000001 implements MigrationInterface {
  name = 'PiiKeyRing1764610000001';

  async up(q: QueryRunner): Promise<void> {
    const cipher = piiCipherFrom(loadConfig());
    await q.query(
      `CREATE TABLE pii_keys (
         key_id text PRIMARY KEY,
         check_value text NOT NULL,
         registered_at timestamptz NOT NULL DEFAULT now(),
         retired_at timestamptz)`,
    );
    await q.query(`ALTER TABLE applications ADD COLUMN query_code_hash text`);
    const rows: {
      id: string;
      case_number: string;
      query_code: string;
      applicant_id_number: string;
      applicant_phone: string;
    }[] = await q.query(
      `SELECT id, case_number, query_code, applicant_id_number, applicant_phone FROM applications`,
    );
    for (const row of rows) {
      let idNumber: string;
      let phone: string;
      try {
        idNumber = cipher.decrypt(row.applicant_id_number);
        phone = cipher.decrypt(row.applicant_phone);
      } catch {
        throw new Error(
          `PII_KEY: the configured key cannot read the personal data of case ${row.case_number}; ` +
            'migrate with the PII_KEY it was encrypted under',
        );
      }
      await q.query(
        `UPDATE applications SET applicant_id_number = $2, applicant_phone = $3, applicant_id_hash = $4,
                query_code_hash = $5 WHERE id = $1`,
        [
          row.id,
          cipher.encrypt(idNumber),
          cipher.encrypt(phone),
          cipher.lookupHash(idNumber),
          cipher.queryCodeHash(row.case_number, row.query_code),
        ],
      );
    }
    await q.query(`ALTER TABLE applications ALTER COLUMN query_code_hash SET NOT NULL`);
    await q.query(`ALTER TABLE applications DROP COLUMN query_code`);
    await registerCurrentPiiKey(q.manager, cipher);
  }

  /** @throws Error always: the query codes were kept only as hashes and cannot be restored */
  down(): Promise<void> {
    return Promise.reject(
      new Error('PiiKeyRing1764610000001 cannot be reverted: query codes are kept only as hashes'),
    );
  }
}
