import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** Values written before keys had ids: `v1:<base64>`, readable under any configured key. */
const LEGACY = 'v1';
/** `v2:<key id>:<base64 of iv | tag | ciphertext>`: the value names the key it needs. */
const VERSION = 'v2';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** One PII key and what is derived from it (HKDF-SHA256, one label each). */
interface PiiKey {
  /** 8 hex characters naming the key in ciphertexts and query-code hashes; says nothing of the key. */
  id: string;
  /** The key check value kept in the database (pii_keys) so a start can tell a wrong key. */
  check: string;
  key: Buffer;
  lookupKey: Buffer;
  queryCodeKey: Buffer;
}

const derive = (key: Buffer, label: string, bytes = 32) =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), label, bytes));

function piiKey(base64: string): PiiKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('PII_KEY must be 32 bytes, base64-encoded');
  return {
    id: derive(key, 'pii key id', 4).toString('hex'),
    check: derive(key, 'pii key check value').toString('hex'),
    key,
    lookupKey: derive(key, 'pii lookup hash'),
    queryCodeKey: derive(key, 'query code hash'),
  };
}

/** How a query code matched its stored hash: under the current key, or an older one (re-hash it). */
export type QueryCodeMatch = 'current' | 'previous' | false;

/**
 * A stored value is under a key this process does not hold (PII_KEY, PII_PREVIOUS_KEYS): a process
 * started before a rotation, or one started with the wrong keys after it. The api answers 503 (the
 * process must be restarted with the keys the others have), never 500.
 */
export class PiiKeyMissingError extends Error {}

/**
 * Personal data at rest (ID numbers, phone numbers) and the receipt's query code, under a key
 * ring: PII_KEY (current: every new value) and PII_PREVIOUS_KEYS (still readable during a
 * rotation). Each key is 32 bytes, given base64-encoded.
 * - Values: AES-256-GCM with a random 96-bit IV, stored as `v2:<key id>:<base64 of iv | tag |
 *   ciphertext>`; `v1:` values (before key ids) are tried under every key.
 * - Lookup hash: HMAC-SHA256 under a key derived with HKDF: the applicant's ID number
 *   (`applicant_id_lookup`), so staff find a person's cases without the number stored readable.
 * - Query code: `<key id>:<HMAC of case number and code>` under another derived key, so a database
 *   reader cannot try the 10^6 codes offline; checked in constant time under every key.
 */
export class PiiCipher {
  private readonly current: PiiKey;
  private readonly keys: PiiKey[];

  /** @throws Error when a key is not 32 bytes */
  constructor(currentKeyBase64: string, previousKeysBase64: string[] = []) {
    this.current = piiKey(currentKeyBase64);
    const previous = previousKeysBase64.map(piiKey).filter((k) => k.id !== this.current.id);
    this.keys = [this.current, ...previous];
  }

  /** The id of PII_KEY, the key every new value is written under. */
  get currentKeyId(): string {
    return this.current.id;
  }

  /** Id and check value of every configured key, current first: what `pii_keys` keeps, never a key. */
  keyChecks(): { keyId: string; check: string }[] {
    return this.keys.map((k) => ({ keyId: k.id, check: k.check }));
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${encryptedValuePrefix(this.current.id)}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The key id a stored value names; null for a `v1:` value (before key ids). */
  keyIdOf(stored: string): string | null {
    return stored.startsWith(`${VERSION}:`) ? stored.split(':')[1] : null;
  }

  /**
   * @throws Error when no configured key reads the value: its key (named by id) is not configured
   *   (neither PII_KEY nor PII_PREVIOUS_KEYS), or the value was altered
   */
  decrypt(stored: string): string {
    if (stored.startsWith(`${LEGACY}:`)) {
      const raw = Buffer.from(stored.slice(LEGACY.length + 1), 'base64');
      for (const k of this.keys) {
        try {
          return open(k.key, raw);
        } catch {
          // not this key: try the next
        }
      }
      throw new PiiKeyMissingError('no configured key (PII_KEY, PII_PREVIOUS_KEYS) reads this value');
    }
    const [version, keyId, body] = stored.split(':');
    if (version !== VERSION || body === undefined) throw new Error('not an encrypted value');
    const k = this.keys.find((x) => x.id === keyId);
    if (!k) {
      throw new PiiKeyMissingError(
        `value under key ${keyId}, which neither PII_KEY nor PII_PREVIOUS_KEYS holds`,
      );
    }
    return open(k.key, Buffer.from(body, 'base64'));
  }

  /** Hex HMAC of `plaintext` under the current key: equal values hash equal, and the hash says nothing without the key. */
  lookupHash(plaintext: string): string {
    return hmac(this.current.lookupKey, plaintext);
  }

  /**
   * The lookup hash of an applicant's ID number (`applications.applicant_id_lookup`) under PII_KEY:
   * the number as written on the card, trimmed, letters upper-cased (a resident ID's check `x` is `X`).
   */
  idNumberLookup(idNumber: string): string {
    return this.lookupHash(idNumberKey(idNumber));
  }

  /**
   * The lookup hashes of `idNumber` under every configured key, current first: what a search
   * compares with, so a case hashed before a rotation is found until `rotate-pii-key` rehashes it.
   */
  idNumberLookups(idNumber: string): string[] {
    return this.keys.map((k) => hmac(k.lookupKey, idNumberKey(idNumber)));
  }

  /** What is stored for query code `code` of case `caseNumber`: `<key id>:<hex HMAC>`. */
  queryCodeHash(caseNumber: string, code: string): string {
    return `${queryCodeHashPrefix(this.current.id)}${hmac(this.current.queryCodeKey, `${caseNumber}\n${code}`)}`;
  }

  /**
   * Whether `code` is the query code of case `caseNumber` whose hash is `stored`, compared in
   * constant time: 'current' (under PII_KEY), 'previous' (under an older key: store
   * `queryCodeHash` again) or false (wrong code, or its key is no longer configured).
   */
  checkQueryCode(stored: string, caseNumber: string, code: string): QueryCodeMatch {
    const [keyId, hash] = stored.split(':');
    const k = this.keys.find((x) => x.id === keyId);
    // Unknown key: compare against a throwaway hash anyway, so the answer takes as long.
    const expected = Buffer.from(hmac((k ?? this.current).queryCodeKey, `${caseNumber}\n${code}`), 'hex');
    const given = Buffer.from(hash ?? '', 'hex');
    const equal = given.length === expected.length && timingSafeEqual(given, expected);
    if (!k || !equal) return false;
    return k === this.current ? 'current' : 'previous';
  }
}

function open(key: Buffer, raw: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
}

function hmac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** How every value `encrypt` writes under key `keyId` begins: `v2:<key id>:`. */
export const encryptedValuePrefix = (keyId: string) => `${VERSION}:${keyId}:`;

/** How every query-code hash made under key `keyId` begins: `<key id>:` (see queryCodeHash). */
export const queryCodeHashPrefix = (keyId: string) => `${keyId}:`;

/** The key ring of a configuration: PII_KEY current, PII_PREVIOUS_KEYS (comma-separated) readable. */
/** An ID number as its lookup hash takes it: trimmed, letters upper-cased. */
const idNumberKey = (idNumber: string) => idNumber.trim().toUpperCase();

export function piiCipherFrom(config: { PII_KEY: string; PII_PREVIOUS_KEYS?: string }): PiiCipher {
  const previous = (config.PII_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  return new PiiCipher(config.PII_KEY, previous);
}
