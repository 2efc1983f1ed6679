import type { DataSource, EntityManager } from 'typeorm';
import { piiCipherFrom, type AppConfig, type PiiCipher } from '@app/common';
import { withDataSource } from './database';

/**
 * Records PII_KEY in `pii_keys` (its id and check value, never the key) as a key that stored data
 * may need. A key that `rotate-pii-key` retired is never taken back: a process started with it as
 * PII_KEY would write values that the others (started without it) cannot read.
 * @throws Error naming PII_KEY when it is a retired key
 */
export async function registerCurrentPiiKey(m: EntityManager, cipher: PiiCipher): Promise<void> {
  const [current] = cipher.keyChecks();
  const [row]: { retired_at: Date | null }[] = await m.query(
    `INSERT INTO pii_keys (key_id, check_value) VALUES ($1, $2)
     ON CONFLICT (key_id) DO UPDATE SET key_id = EXCLUDED.key_id RETURNING retired_at`,
    [current.keyId, current.check],
  );
  if (row.retired_at !== null) {
    throw new Error(
      `PII_KEY: key ${current.keyId} was retired by rotate-pii-key; start with the key it re-encrypted ` +
        'the data under as PII_KEY (the retired one may stay in PII_PREVIOUS_KEYS)',
    );
  }
}

/**
 * True when PII_KEY (the key this process writes under) is still in service in `pii_keys`, with its
 * row share-locked for the caller's transaction: `rotate-pii-key` retires a key under an EXCLUSIVE
 * table lock, so it waits for this transaction and then counts what it wrote, or this transaction
 * waits for the retirement and learns of it. A process started before a rotation must not go on
 * writing under a key the others no longer hold (its values would be unreadable to them).
 */
export async function writingKeyInService(m: EntityManager, cipher: PiiCipher): Promise<boolean> {
  const rows: { retired_at: Date | null }[] = await m.query(
    `SELECT retired_at FROM pii_keys WHERE key_id = $1 FOR SHARE`,
    [cipher.currentKeyId],
  );
  return rows.length === 1 && rows[0].retired_at === null;
}

/**
 * The start check of api and worker (issue 10 item 3): every key that stored personal data may
 * need (`pii_keys`, not retired) must be configured (PII_KEY or PII_PREVIOUS_KEYS) with the same
 * check value; then PII_KEY is registered, since new values are written under it.
 * @throws Error naming PII_KEY and the missing key ids, when a needed key is not configured
 */
export async function assertPiiKeysReadable(m: EntityManager, cipher: PiiCipher): Promise<void> {
  const needed: { key_id: string; check_value: string }[] = await m.query(
    `SELECT key_id, check_value FROM pii_keys WHERE retired_at IS NULL ORDER BY registered_at`,
  );
  const configured = new Map(cipher.keyChecks().map((k) => [k.keyId, k.check]));
  const missing = needed.filter((k) => configured.get(k.key_id) !== k.check_value).map((k) => k.key_id);
  if (missing.length > 0) {
    throw new Error(
      `PII_KEY: the stored personal data is encrypted under key ${missing.join(', ')}, which neither PII_KEY ` +
        `nor PII_PREVIOUS_KEYS holds (PII_KEY is key ${cipher.currentKeyId}). Start with the key the data ` +
        'was written under; to change keys, set the new one as PII_KEY and the old one in PII_PREVIOUS_KEYS ' +
        'until `rotate-pii-key` has run.',
    );
  }
  await registerCurrentPiiKey(m, cipher);
}

/** `assertPiiKeysReadable` on the database and keys of `config`, for api and worker before they start. */
export async function checkPiiKeys(config: AppConfig): Promise<void> {
  await withDataSource(config.DATABASE_URL, (ds) => assertPiiKeysReadable(ds.manager, piiCipherFrom(config)));
}

/** What `rotate-pii-key` did. */
export interface PiiRotation {
  currentKeyId: string;
  /** Cases whose ID and phone numbers were re-encrypted (and ID lookup hash remade) under PII_KEY. */
  reencrypted: number;
  /** Stored receipts (Idempotency-Key answers) whose sealed query code was re-encrypted. */
  sealedReceipts: number;
  /** Key ids no stored value needs any more: the start check passes without them. */
  retired: string[];
  /**
   * Query codes still hashed under an older key, by key id (a hash cannot be recomputed without
   * the code: each is re-hashed under PII_KEY the next time the applicant uses it).
   */
  queryCodesUnderOldKeys: Record<string, number>;
}

const BATCH = 500;

/**
 * Re-encrypts every ID and phone number under PII_KEY, in batches
 * of 500 (one transaction each), re-encrypts the query codes sealed in stored receipts, then
 * retires every other key in `pii_keys` (in a transaction that checks no value still needs it).
 * A query code hashed under an older key still needs that key (its hash cannot be remade without
 * the code, which the applicant holds): the key is kept, and the start check keeps asking for it,
 * until every such code has been used once (re-hashed then), unless `abandonQueryCodes` says to
 * retire it anyway; those receipts then no longer open tracking (the window must issue new ones).
 * Safe to run while api and worker serve (rows are locked batch by batch) and to run again.
 * @throws Error naming PII_KEY when a key the stored data needs is not configured (the start check)
 */
export async function rotatePiiKey(
  dataSource: DataSource,
  cipher: PiiCipher,
  options: { abandonQueryCodes?: boolean } = {},
): Promise<PiiRotation> {
  await assertPiiKeysReadable(dataSource.manager, cipher);
  const prefix = `v2:${cipher.currentKeyId}:%`;
  let reencrypted = 0;
  for (;;) {
    const done = await dataSource.transaction(async (m) => {
      const rows: { id: string; applicant_id_number: string; applicant_phone: string }[] = await m.query(
        `SELECT id, applicant_id_number, applicant_phone FROM applications
          WHERE applicant_id_number NOT LIKE $1 OR applicant_phone NOT LIKE $1
          ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
        [prefix],
      );
      for (const row of rows) {
        await m.query(
          `UPDATE applications SET applicant_id_number = $2, applicant_phone = $3 WHERE id = $1`,
          [
            row.id,
            cipher.encrypt(cipher.decrypt(row.applicant_id_number)),
            cipher.encrypt(cipher.decrypt(row.applicant_phone)),
          ],
        );
      }
      return rows.length;
    });
    reencrypted += done;
    if (done < BATCH) break;
  }
  const sealed: { scope: string; key: string; sealed: string }[] = await dataSource.query(
    `SELECT scope, key, response->>'sealedQueryCode' AS sealed FROM idempotency_keys
      WHERE response ? 'sealedQueryCode' AND response->>'sealedQueryCode' NOT LIKE $1`,
    [prefix],
  );
  for (const row of sealed) {
    await dataSource.query(
      `UPDATE idempotency_keys SET response = jsonb_set(response, '{sealedQueryCode}', to_jsonb($3::text))
        WHERE scope = $1 AND key = $2`,
      [row.scope, row.key, cipher.encrypt(cipher.decrypt(row.sealed))],
    );
  }
  const retired = await dataSource.transaction(async (m) => {
    await m.query(`LOCK TABLE pii_keys IN EXCLUSIVE MODE`);
    const [{ left }] = await m.query(
      `SELECT (SELECT count(*) FROM applications WHERE applicant_id_number NOT LIKE $1 OR applicant_phone NOT LIKE $1)
            + (SELECT count(*) FROM idempotency_keys
                WHERE response ? 'sealedQueryCode' AND response->>'sealedQueryCode' NOT LIKE $1)
            + (SELECT count(*) FROM applications WHERE NOT $2 AND query_code_hash NOT LIKE $3) AS left`,
      [prefix, options.abandonQueryCodes === true, `${cipher.currentKeyId}:%`],
    );
    if (Number(left) > 0) return [];
    await registerCurrentPiiKey(m, cipher);
    const rows: { key_id: string }[] = await m.query(
      `WITH retired AS (
         UPDATE pii_keys SET retired_at = now() WHERE key_id <> $1 AND retired_at IS NULL RETURNING key_id)
       SELECT key_id FROM retired ORDER BY key_id`,
      [cipher.currentKeyId],
    );
    return rows.map((r) => r.key_id);
  });
  const codes: { key_id: string; n: number }[] = await dataSource.query(
    `SELECT split_part(query_code_hash, ':', 1) AS key_id, count(*)::int AS n FROM applications
      WHERE query_code_hash NOT LIKE $1 GROUP BY 1 ORDER BY 1`,
    [`${cipher.currentKeyId}:%`],
  );
  return {
    currentKeyId: cipher.currentKeyId,
    reencrypted,
    sealedReceipts: sealed.length,
    retired,
    queryCodesUnderOldKeys: Object.fromEntries(codes.map((c) => [c.key_id, c.n])),
  };
}
