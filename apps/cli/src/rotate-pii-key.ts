import { piiCipherFrom, type AppConfig } from '@app/common';
import { rotatePiiKey, withDataSource, type PiiRotation } from '@app/db';

/**
 * `rotate-pii-key`: re-encrypts every ID and phone number (and remakes the lookup hashes) under
 * PII_KEY, reading older values with PII_PREVIOUS_KEYS, then retires the older keys so api and
 * worker start without them; prints what it did and how many query codes still depend on an older
 * key (re-hashed on their next correct use; dropping that key makes those codes stop working).
 */
export async function rotatePiiKeyCommand(config: AppConfig): Promise<PiiRotation> {
  const result = await withDataSource(config.DATABASE_URL, (ds) => rotatePiiKey(ds, piiCipherFrom(config)));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`PII_KEY is key ${result.currentKeyId}`);
  out(`re-encrypted: ${result.reencrypted} case(s), ${result.sealedReceipts} stored receipt(s)`);
  out(
    result.retired.length > 0
      ? `retired: key ${result.retired.join(', ')} (no stored value needs it; api and worker start without it)`
      : 'retired: none',
  );
  const old = Object.entries(result.queryCodesUnderOldKeys);
  if (old.length === 0) out('query codes: all under PII_KEY');
  for (const [keyId, n] of old) {
    out(
      `query codes: ${n} receipt(s) still hashed under key ${keyId}; each is re-hashed under PII_KEY when ` +
        'next used; they stop working once that key leaves PII_PREVIOUS_KEYS',
    );
  }
  return result;
}
