import type { DataSource } from 'typeorm';
import type { PiiCipher } from '@app/common';
import { assertPiiKeysReadable, PiiKeyRepository, registerCurrentPiiKey } from '@app/db';
import { CaseRepository } from './case.repository';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

/** What `rotate-pii-key` did. */
export interface PiiRotation {
  currentKeyId: string;
  /** Cases whose applicant data (ID and phone numbers, details, agent, mailing address) were re-encrypted under PII_KEY. */
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
 * Re-encrypts every applicant value (ID and phone numbers, the rest of the applicant, the agent, the
 * mailing address) under PII_KEY (`cases`: the case repository over
 * `dataSource`), in batches of 500 (one transaction each), re-encrypts the query codes sealed in stored receipts, then
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
  cases: CaseRepository,
  cipher: PiiCipher,
  options: { abandonQueryCodes?: boolean } = {},
): Promise<PiiRotation> {
  await assertPiiKeysReadable(dataSource.manager, cipher);
  const keyId = cipher.currentKeyId;
  let reencrypted = 0;
  for (;;) {
    const done = await dataSource.transaction(async (m) => {
      const applicants = cases.within(m);
      const rows = await applicants.lockApplicantPiiUnderOtherKeys(keyId, BATCH);
      for (const row of rows) {
        const again = (sealed: string) => cipher.encrypt(cipher.decrypt(sealed));
        const againOrNull = (sealed: string | null) => (sealed === null ? null : again(sealed));
        await applicants.rewriteApplicantPii({
          id: row.id,
          idNumber: again(row.idNumber),
          idLookup: cipher.idNumberLookup(cipher.decrypt(row.idNumber)),
          phone: again(row.phone),
          details: againOrNull(row.details),
          agent: againOrNull(row.agent),
          mailingAddress: againOrNull(row.mailingAddress),
        });
      }
      return rows.length;
    });
    reencrypted += done;
    if (done < BATCH) break;
  }
  const receipts = new IdempotencyKeyRepository(dataSource.manager);
  const sealed = await receipts.sealedUnderOtherKeys(keyId);
  for (const row of sealed) await receipts.reseal(row, cipher.encrypt(cipher.decrypt(row.sealed)));
  const retired = await dataSource.transaction(async (m) => {
    const keys = new PiiKeyRepository(m);
    await keys.lockForRetirement();
    const applicants = cases.within(m);
    const left =
      (await applicants.countApplicantPiiUnderOtherKeys(keyId)) +
      (await new IdempotencyKeyRepository(m).countSealedUnderOtherKeys(keyId)) +
      (options.abandonQueryCodes
        ? 0
        : Object.values(await applicants.queryCodesUnderOtherKeys(keyId)).reduce((a, b) => a + b, 0));
    if (left > 0) return [];
    await registerCurrentPiiKey(m, cipher);
    return keys.retireAllBut(keyId);
  });
  return {
    currentKeyId: keyId,
    reencrypted,
    sealedReceipts: sealed.length,
    retired,
    queryCodesUnderOldKeys: await cases.queryCodesUnderOtherKeys(keyId),
  };
}
