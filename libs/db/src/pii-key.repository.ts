import type { EntityManager } from 'typeorm';

/** A PII key as `pii_keys` records it: its id and check value, never the key. */
export interface RecordedPiiKey {
  keyId: string;
  check: string;
}

/**
 * The PII key ring as stored (`pii_keys`): which keys stored personal data may need, and which
 * `rotate-pii-key` retired. Works through `m`, the caller's transaction manager or the data source's.
 */
export class PiiKeyRepository {
  constructor(private readonly m: EntityManager) {}

  /** Records `key` (nothing when it is recorded already); answers when it was retired, or null. */
  async register(key: RecordedPiiKey): Promise<Date | null> {
    const [row]: { retired_at: Date | null }[] = await this.m.query(
      `INSERT INTO pii_keys (key_id, check_value) VALUES ($1, $2)
       ON CONFLICT (key_id) DO UPDATE SET key_id = EXCLUDED.key_id RETURNING retired_at`,
      [key.keyId, key.check],
    );
    return row.retired_at;
  }

  /**
   * True when key `keyId` is recorded and not retired, with its row share-locked until the
   * caller's transaction ends: a retirement (under `lockForRetirement`) waits for it.
   */
  async inServiceLocked(keyId: string): Promise<boolean> {
    const rows: { retired_at: Date | null }[] = await this.m.query(
      `SELECT retired_at FROM pii_keys WHERE key_id = $1 FOR SHARE`,
      [keyId],
    );
    return rows.length === 1 && rows[0].retired_at === null;
  }

  /** The keys not retired, oldest registered first. */
  async inService(): Promise<RecordedPiiKey[]> {
    const rows: { key_id: string; check_value: string }[] = await this.m.query(
      `SELECT key_id, check_value FROM pii_keys WHERE retired_at IS NULL ORDER BY registered_at`,
    );
    return rows.map((r) => ({ keyId: r.key_id, check: r.check_value }));
  }

  /**
   * Locks the key ring (EXCLUSIVE) until the caller's transaction ends: a transaction writing
   * under a key (holding `inServiceLocked`) ends first, and none starts meanwhile.
   */
  async lockForRetirement(): Promise<void> {
    await this.m.query(`LOCK TABLE pii_keys IN EXCLUSIVE MODE`);
  }

  /** Retires every key in service but `keyId`; answers the ids retired, in order. */
  async retireAllBut(keyId: string): Promise<string[]> {
    const rows: { key_id: string }[] = await this.m.query(
      `WITH retired AS (
         UPDATE pii_keys SET retired_at = now() WHERE key_id <> $1 AND retired_at IS NULL RETURNING key_id)
       SELECT key_id FROM retired ORDER BY key_id`,
      [keyId],
    );
    return rows.map((r) => r.key_id);
  }
}
