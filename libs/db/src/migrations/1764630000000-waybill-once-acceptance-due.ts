import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A waybill number names one parcel: a unique index over every transfer's waybill (forward,
 * redispatch, result mail). Rows written before it that repeat an earlier waybill are kept as they
 * were (the history is not rewritten) and marked `legacy_duplicate_waybill`, outside the index.
 * And the acceptance deadline set when a case's papers arrive is kept on the forward transfer
 * (`acceptance_due_at`), so supervision measures the deadline the case was given, not today's
 * configured period; NULL for arrivals recorded before this migration.
 */
export class WaybillOnceAcceptanceDue1764630000000 implements MigrationInterface {
  name = 'WaybillOnceAcceptanceDue1764630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE transfers ADD COLUMN acceptance_due_at timestamptz`);
    await q.query(`ALTER TABLE transfers ADD COLUMN legacy_duplicate_waybill boolean NOT NULL DEFAULT false`);
    await q.query(
      `UPDATE transfers t SET legacy_duplicate_waybill = true
         FROM (SELECT id, row_number() OVER (PARTITION BY waybill_number ORDER BY dispatched_at, id) AS n
                 FROM transfers WHERE waybill_number IS NOT NULL) d
        WHERE t.id = d.id AND d.n > 1`,
    );
    await q.query(
      `CREATE UNIQUE INDEX transfers_waybill_number_key ON transfers (waybill_number)
        WHERE waybill_number IS NOT NULL AND NOT legacy_duplicate_waybill`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX transfers_waybill_number_key`);
    await q.query(`ALTER TABLE transfers DROP COLUMN legacy_duplicate_waybill`);
    await q.query(`ALTER TABLE transfers DROP COLUMN acceptance_due_at`);
  }
}
