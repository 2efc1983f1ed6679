import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox delays in bigint (statutory periods of weeks overflow an int of milliseconds), and a
 * `cancelled` transfer status for a parcel whose case was withdrawn while it travelled.
 */
export class LongDelaysCancelledTransfers1764500000000 implements MigrationInterface {
  name = 'LongDelaysCancelledTransfers1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ALTER COLUMN delay_ms TYPE bigint`);
    await q.query(`ALTER TABLE transfers DROP CONSTRAINT transfers_status_check`);
    await q.query(
      `ALTER TABLE transfers ADD CONSTRAINT transfers_status_check
         CHECK (status IN ('in_transit', 'delivered', 'failed', 'cancelled'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE transfers DROP CONSTRAINT transfers_status_check`);
    await q.query(
      `ALTER TABLE transfers ADD CONSTRAINT transfers_status_check CHECK (status IN ('in_transit', 'delivered', 'failed'))`,
    );
    await q.query(`ALTER TABLE outbox ALTER COLUMN delay_ms TYPE int`);
  }
}
