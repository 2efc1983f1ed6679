import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Personal data at rest (ID numbers, phone numbers): AES-256-GCM with a random 96-bit IV per
 * value, stored as `v1:<base64 of iv | tag | ciphertext>`; and a lookup hash (HMAC-SHA256 under a
 * key derived with HKDF) so a case can be found by ID number without decrypting every row.
 * The key is 32 bytes, given base64-encoded (PII_KEY).
 */
export class PiiCipher {
  private readonly key: Buffer;
  private readonly lookupKey: Buffer;

  /** @throws Error when `keyBase64` is not 32 bytes */
  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('PII_KEY must be 32 bytes, base64-encoded');
    this.lookupKey = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), 'pii lookup hash', 32));
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** @throws Error when the value was not made by this key (or was altered) */
  decrypt(stored: string): string {
    if (!stored.startsWith(`${VERSION}:`)) throw new Error('not an encrypted value');
    const raw = Buffer.from(stored.slice(VERSION.length + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Hex HMAC of `plaintext`: equal values hash equal, and the hash says nothing without the key. */
  lookupHash(plaintext: string): string {
    return createHmac('sha256', this.lookupKey).update(plaintext, 'utf8').digest('hex');
  }
}
