import { piiCipherFrom, type AppConfig } from '@app/common';
import { CaseRepository, rotatePiiKey, type PiiRotation } from '@app/cases';
import { withDataSource } from '@app/db';

/**
 * `rotate-pii-key`: re-encrypts every ID and phone number under PII_KEY, reading older values with PII_PREVIOUS_KEYS, then retires the older keys so api and
 * worker start without them; prints what it did and how many query codes still depend on an older
 * key. Such a key is kept (an applicant's receipt must keep opening tracking) until each of those
 * codes was used once (re-hashed then), unless `abandonQueryCodes` (`--abandon-query-codes`) says
 * to retire it anyway, for a key that leaked: those receipts then stop opening tracking.
 */
export async function rotatePiiKeyCommand(
  config: AppConfig,
  options: { abandonQueryCodes?: boolean } = {},
): Promise<PiiRotation> {
  const result = await withDataSource(config.DATABASE_URL, (ds) =>
    rotatePiiKey(ds, CaseRepository.over(ds, config), piiCipherFrom(config), options),
  );
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
        (result.retired.includes(keyId)
          ? 'next used, but the key is retired (--abandon-query-codes): they no longer open tracking'
          : 'next used; the key stays needed (keep it in PII_PREVIOUS_KEYS) until then, or run again ' +
            'with --abandon-query-codes to retire it and give up those receipts'),
    );
  }
  return result;
}
