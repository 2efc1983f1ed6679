import type { EntityManager } from 'typeorm';
import { piiCipherFrom, type AppConfig, type PiiCipher } from '@app/common';
import { withDataSource } from './database';
import { PiiKeyRepository } from './pii-key.repository';

/**
 * Records PII_KEY in `pii_keys` (its id and check value, never the key) as a key that stored data
 * may need. A key that `rotate-pii-key` retired is never taken back: a process started with it as
 * PII_KEY would write values that the others (started without it) cannot read.
 * @throws Error naming PII_KEY when it is a retired key
 */
export async function registerCurrentPiiKey(m: EntityManager, cipher: PiiCipher): Promise<void> {
  const [current] = cipher.keyChecks();
  if ((await new PiiKeyRepository(m).register(current)) !== null) {
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
export function writingKeyInService(m: EntityManager, cipher: PiiCipher): Promise<boolean> {
  return new PiiKeyRepository(m).inServiceLocked(cipher.currentKeyId);
}

/**
 * The start check of api and worker (issue 10 item 3): every key that stored personal data may
 * need (`pii_keys`, not retired) must be configured (PII_KEY or PII_PREVIOUS_KEYS) with the same
 * check value; then PII_KEY is registered, since new values are written under it.
 * @throws Error naming PII_KEY and the missing key ids, when a needed key is not configured
 */
export async function assertPiiKeysReadable(m: EntityManager, cipher: PiiCipher): Promise<void> {
  const needed = await new PiiKeyRepository(m).inService();
  const configured = new Map(cipher.keyChecks().map((k) => [k.keyId, k.check]));
  const missing = needed.filter((k) => configured.get(k.keyId) !== k.check).map((k) => k.keyId);
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
