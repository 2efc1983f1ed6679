import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every token carries its account's token version; a password change, deactivation or
 * reactivation moves the version on, so the tokens issued before are refused.
 */
export class StaffTokenVersion1764550000000 implements MigrationInterface {
  name = 'StaffTokenVersion1764550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_accounts ADD COLUMN token_version int NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_accounts DROP COLUMN token_version`);
  }
}
