import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows get a UUID for their BullMQ job id. Row numbers start again when a database is
 * restored or recreated, while Redis keeps completed jobs for days: a reused `outbox-<n>` was
 * silently ignored by BullMQ and the case never moved. A UUID never repeats.
 */
export class OutboxJobId1764490000000 implements MigrationInterface {
  name = 'OutboxJobId1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN job_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN job_id`);
  }
}
