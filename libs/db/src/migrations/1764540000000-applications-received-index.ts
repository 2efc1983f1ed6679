import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Supervisors count the cases received in a period: an index on when each case was received. */
export class ApplicationsReceivedIndex1764540000000 implements MigrationInterface {
  name = 'ApplicationsReceivedIndex1764540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX applications_received_idx ON applications (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_received_idx`);
  }
}
