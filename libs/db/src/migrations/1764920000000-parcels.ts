import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 items 3–6: papers travel in parcels. A parcel (材料交接单) holds the lines of the cases it
 * carries, each with its originals as the manifest lists them and as the check-in found them; its
 * carrier's tracking legs are rows of their own. A waybill names one parcel (the unique index moves
 * from transfers, whose rows now share their parcel's waybill), a transfer names its parcel, and an
 * outbox row may concern a parcel instead of a case (its tracking job).
 */
export class Parcels1764920000000 implements MigrationInterface {
  name = 'Parcels1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE parcel_number_seq`);
    await q.query(
      `CREATE TABLE parcels (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         parcel_number text NOT NULL UNIQUE,
         leg text NOT NULL CHECK (leg IN ('materials', 'result', 'archive')),
         from_kind text NOT NULL CHECK (from_kind IN ('window', 'jurisdiction')),
         from_code text NOT NULL,
         to_kind text NOT NULL CHECK (to_kind IN ('jurisdiction', 'applicant')),
         to_code text NOT NULL,
         status text NOT NULL CHECK (status IN ('open', 'sealed', 'delivered', 'checkedIn', 'failed')),
         waybill_number text UNIQUE,
         carrier text,
         postage_paid_by text CHECK (postage_paid_by IN ('government', 'applicant')),
         manifest_sha256 text,
         opened_by text NOT NULL,
         opened_at timestamptz NOT NULL DEFAULT now(),
         sealed_by text,
         sealed_at timestamptz,
         due_at timestamptz,
         delivered_at timestamptz,
         checked_in_by text,
         checked_in_at timestamptz,
         failure_reason text,
         CHECK (status = 'open' OR (sealed_at IS NOT NULL AND waybill_number IS NOT NULL))
       )`,
    );
    await q.query(`CREATE INDEX parcels_in_transit ON parcels (due_at) WHERE status = 'sealed'`);
    await q.query(`CREATE INDEX parcels_open_by_route ON parcels (from_code, to_code) WHERE status = 'open'`);
    await q.query(
      `CREATE TABLE parcel_items (
         parcel_id uuid NOT NULL REFERENCES parcels(id),
         application_id uuid NOT NULL REFERENCES applications(id),
         transfer_id uuid REFERENCES transfers(id),
         status text NOT NULL
           CHECK (status IN ('packed', 'removed', 'sealed', 'received', 'discrepancy', 'returned', 'failed')),
         originals jsonb NOT NULL,
         packed_by text NOT NULL,
         packed_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (parcel_id, application_id)
       )`,
    );
    // A case lies in at most one parcel not yet sealed.
    await q.query(
      `CREATE UNIQUE INDEX parcel_items_packed_once ON parcel_items (application_id) WHERE status = 'packed'`,
    );
    await q.query(`CREATE INDEX parcel_items_by_case ON parcel_items (application_id)`);
    await q.query(
      `CREATE TABLE parcel_legs (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         parcel_id uuid NOT NULL REFERENCES parcels(id),
         status text NOT NULL
           CHECK (status IN ('collected', 'inTransit', 'outForDelivery', 'delivered', 'lost')),
         at timestamptz NOT NULL,
         location text NOT NULL,
         signed_by text,
         recorded_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (parcel_id, status)
       )`,
    );
    await q.query(`ALTER TABLE transfers ADD COLUMN parcel_id uuid REFERENCES parcels(id)`);
    // Hand-over receipts (1764910000000) came before parcels: their parcel now has a table.
    await q.query(
      `ALTER TABLE handover_receipts ADD CONSTRAINT handover_receipts_parcel_fk
         FOREIGN KEY (parcel_id) REFERENCES parcels(id)`,
    );
    await q.query(`DROP INDEX transfers_waybill_number_key`);
    await q.query(`ALTER TABLE outbox ALTER COLUMN application_id DROP NOT NULL`);
    await q.query(`ALTER TABLE outbox ADD COLUMN parcel_id uuid REFERENCES parcels(id)`);
    await q.query(
      `ALTER TABLE outbox ADD CONSTRAINT outbox_concerns_case_or_parcel
         CHECK (application_id IS NOT NULL OR parcel_id IS NOT NULL)`,
    );
    await q.query(`CREATE INDEX outbox_by_parcel ON outbox (parcel_id) WHERE parcel_id IS NOT NULL`);
    await q.query(
      `ALTER TABLE service_items ADD COLUMN postage_paid_by text NOT NULL DEFAULT 'government'
         CHECK (postage_paid_by IN ('government', 'applicant'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_items DROP COLUMN postage_paid_by`);
    await q.query(`DELETE FROM outbox WHERE application_id IS NULL`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_concerns_case_or_parcel`);
    await q.query(`ALTER TABLE outbox DROP COLUMN parcel_id`);
    await q.query(`ALTER TABLE outbox ALTER COLUMN application_id SET NOT NULL`);
    // Cases that shared a parcel shared its waybill: all but the first are marked, as in 1764630000000.
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
    await q.query(`ALTER TABLE handover_receipts DROP CONSTRAINT handover_receipts_parcel_fk`);
    await q.query(`ALTER TABLE transfers DROP COLUMN parcel_id`);
    await q.query(`DROP TABLE parcel_legs`);
    await q.query(`DROP TABLE parcel_items`);
    await q.query(`DROP TABLE parcels`);
    await q.query(`DROP SEQUENCE parcel_number_seq`);
  }
}
