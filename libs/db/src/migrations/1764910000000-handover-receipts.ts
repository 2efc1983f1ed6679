import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 item 7, signed hand-overs (DESIGN "Papers (custody)"):
 * - `signing_keys`: each window's and home jurisdiction's Ed25519 keys, the private key as its
 *   seed encrypted (AES-256-GCM) under a key derived from HANDOVER_ROOT_KEY, the public key (32 raw
 *   bytes, base64) and the root's certificate of it. At most one key of a party is active (not
 *   retired): the partial unique index is what makes two first uses at once create one key.
 *   Retired keys stay: receipts name them and keep verifying.
 * - `handover_receipts`: one row per hand-over: the signed body as written (`body`), its signature
 *   and the key that made it; the cases it covers (`application_ids`, GIN-indexed for "the
 *   receipts of a case") and the parcel (no foreign key yet: parcels come with item 3).
 */
export class HandoverReceipts1764910000000 implements MigrationInterface {
  name = 'HandoverReceipts1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE signing_keys (
         key_id text PRIMARY KEY,
         party_kind text NOT NULL CHECK (party_kind IN ('window', 'jurisdiction')),
         party_code text NOT NULL CHECK (length(party_code) > 0),
         public_key text NOT NULL UNIQUE,
         private_key text NOT NULL,
         valid_from timestamptz NOT NULL,
         root_key_id text NOT NULL,
         certificate text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         retired_at timestamptz)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (party_kind, party_code)
        WHERE retired_at IS NULL`,
    );
    await q.query(
      `CREATE TABLE handover_receipts (
         id uuid PRIMARY KEY,
         kind text NOT NULL,
         application_ids uuid[] NOT NULL CHECK (cardinality(application_ids) > 0),
         parcel_id uuid,
         body jsonb NOT NULL,
         signature text NOT NULL,
         key_id text NOT NULL REFERENCES signing_keys (key_id),
         created_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(`CREATE INDEX handover_receipts_cases ON handover_receipts USING gin (application_ids)`);
    await q.query(
      `CREATE INDEX handover_receipts_parcel ON handover_receipts (parcel_id) WHERE parcel_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE handover_receipts`);
    await q.query(`DROP TABLE signing_keys`);
  }
}
