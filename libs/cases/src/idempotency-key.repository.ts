import type { EntityManager } from 'typeorm';
import { encryptedValuePrefix } from '@app/common';

/** Where a stored answer is found: the caller the key belongs to, and the key. */
export interface StoredKeyRef {
  scope: string;
  key: string;
}

/** A key as it was first used: the hash of that request and the answer kept for it. */
export interface StoredKey {
  /** SHA-256 of the canonical method, path and body of the first request. */
  requestHash: string;
  /** The kept answer (JSON); null while the first request runs. */
  response: unknown;
}

/** A stored receipt whose query code is sealed (encrypted) under a PII key. */
export interface SealedReceipt extends StoredKeyRef {
  /** The sealed query code, `v2:<key id>:…` (PiiCipher.encrypt). */
  sealed: string;
}

/**
 * The `idempotency_keys` table: each Idempotency-Key a caller used, the hash of its first request
 * and the answer kept for retries. Works through `m`, the caller's transaction manager or the data
 * source's.
 */
export class IdempotencyKeyRepository {
  constructor(private readonly m: EntityManager) {}

  /**
   * Takes key `ref` for the request hashed `requestHash`, with no answer yet; false when the key
   * exists. A concurrent request taking the same key waits until this transaction ends.
   */
  async take(ref: StoredKeyRef, requestHash: string): Promise<boolean> {
    const inserted: unknown[] = await this.m.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, response)
       VALUES ($1, $2, $3, 'null') ON CONFLICT DO NOTHING RETURNING key`,
      [ref.scope, ref.key, requestHash],
    );
    return inserted.length === 1;
  }

  /** What key `ref` holds; undefined when it does not exist. */
  async find(ref: StoredKeyRef): Promise<StoredKey | undefined> {
    const [row] = await this.m.query<{ request_hash: string; response: unknown }[]>(
      `SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [ref.scope, ref.key],
    );
    return row && { requestHash: row.request_hash, response: row.response };
  }

  /** Keeps `response` (JSON-serialisable) as key `ref`'s answer. */
  async keepAnswer(ref: StoredKeyRef, response: unknown): Promise<void> {
    await this.m.query(`UPDATE idempotency_keys SET response = $3 WHERE scope = $1 AND key = $2`, [
      ref.scope,
      ref.key,
      JSON.stringify(response),
    ]);
  }

  /** Deletes the keys taken more than `hours` ago; answers how many. */
  async deleteOlderThan(hours: number): Promise<number> {
    const [, deleted] = await this.m.query<[unknown[], number]>(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [hours],
    );
    return deleted;
  }

  /** The stored receipts whose query code is sealed under another key than `keyId`. */
  sealedUnderOtherKeys(keyId: string): Promise<SealedReceipt[]> {
    return this.m.query(
      `SELECT scope, key, response->>'sealedQueryCode' AS sealed FROM idempotency_keys
        WHERE response ? 'sealedQueryCode' AND response->>'sealedQueryCode' NOT LIKE $1`,
      [`${encryptedValuePrefix(keyId)}%`],
    );
  }

  /** How many stored receipts have their query code sealed under another key than `keyId`. */
  async countSealedUnderOtherKeys(keyId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await this.m.query(
      `SELECT count(*)::int AS n FROM idempotency_keys
        WHERE response ? 'sealedQueryCode' AND response->>'sealedQueryCode' NOT LIKE $1`,
      [`${encryptedValuePrefix(keyId)}%`],
    );
    return n;
  }

  /** Replaces the sealed query code of the receipt kept under `ref` with `sealed`. */
  async reseal(ref: StoredKeyRef, sealed: string): Promise<void> {
    await this.m.query(
      `UPDATE idempotency_keys SET response = jsonb_set(response, '{sealedQueryCode}', to_jsonb($3::text))
        WHERE scope = $1 AND key = $2`,
      [ref.scope, ref.key, sealed],
    );
  }
}
