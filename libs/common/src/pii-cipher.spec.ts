import { createCipheriv, randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher';

const key = randomBytes(32).toString('base64');

describe('personal data at rest', () => {
  const cipher = new PiiCipher(key);

  it('round-trips, and the same number encrypts differently each time', () => {
    const a = cipher.encrypt('330902199003072157');
    const b = cipher.encrypt('330902199003072157');
    expect(a).not.toBe(b);
    expect(a).not.toContain('330902');
    expect(cipher.decrypt(a)).toBe('330902199003072157');
  });

  it('refuses an altered value and another key', () => {
    const stored = cipher.encrypt('13800571001');
    const prefix = stored.slice(0, stored.lastIndexOf(':') + 1);
    const raw = Buffer.from(stored.slice(prefix.length), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt(`${prefix}${raw.toString('base64')}`)).toThrow();
    expect(() => new PiiCipher(randomBytes(32).toString('base64')).decrypt(stored)).toThrow();
  });

  it('gives a stable lookup hash per key', () => {
    expect(cipher.lookupHash('330902199003072157')).toBe(cipher.lookupHash('330902199003072157'));
    expect(new PiiCipher(randomBytes(32).toString('base64')).lookupHash('330902199003072157')).not.toBe(
      cipher.lookupHash('330902199003072157'),
    );
  });

  it('hashes an ID number as the card writes it (a lower-case check x, spaces) and under every key for a search', () => {
    expect(cipher.idNumberLookup(' 11010519491231002x ')).toBe(cipher.idNumberLookup('11010519491231002X'));
    expect(cipher.idNumberLookup('11010519491231002X')).not.toContain('110105');
    const newer = new PiiCipher(randomBytes(32).toString('base64'), [key]);
    const lookups = newer.idNumberLookups('11010519491231002X');
    expect(lookups).toEqual([
      newer.idNumberLookup('11010519491231002X'),
      cipher.idNumberLookup('11010519491231002X'),
    ]);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new PiiCipher(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });

  it('names the key in each ciphertext and reads values of every configured key (rotation)', () => {
    const next = randomBytes(32).toString('base64');
    const old = cipher.encrypt('330902199003072157');
    expect(old).toMatch(new RegExp(`^v2:${cipher.currentKeyId}:`));
    const rotating = new PiiCipher(next, [key]);
    expect(rotating.currentKeyId).not.toBe(cipher.currentKeyId);
    expect(rotating.decrypt(old)).toBe('330902199003072157');
    expect(rotating.keyIdOf(rotating.encrypt('x'))).toBe(rotating.currentKeyId);
    expect(rotating.keyIdOf(old)).toBe(cipher.currentKeyId);
    // Old key dropped: the error names the key id the value needs, never the key.
    expect(() => new PiiCipher(next).decrypt(old)).toThrow(new RegExp(`key ${cipher.currentKeyId}.*PII_KEY`));
  });

  it('reads values written before key ids (v1) under any configured key', () => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
    const body = Buffer.concat([c.update('13800571001', 'utf8'), c.final()]);
    const v1 = `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    expect(new PiiCipher(randomBytes(32).toString('base64'), [key]).decrypt(v1)).toBe('13800571001');
    expect(new PiiCipher(randomBytes(32).toString('base64')).keyIdOf(v1)).toBeNull();
  });

  it('keeps a fingerprint per key that differs from the key and from other keys', () => {
    const [check] = cipher.keyChecks();
    expect(check.keyId).toBe(cipher.currentKeyId);
    expect(check.check).toMatch(/^[0-9a-f]{64}$/);
    expect(check.check).not.toContain(Buffer.from(key, 'base64').toString('hex'));
    expect(new PiiCipher(randomBytes(32).toString('base64')).keyChecks()[0].check).not.toBe(check.check);
  });

  it('hashes a query code per case under the key, and checks it under every configured key', () => {
    const stored = cipher.queryCodeHash('330902-20261201-000001', '042917');
    expect(stored).not.toContain('042917');
    expect(stored).toBe(cipher.queryCodeHash('330902-20261201-000001', '042917'));
    expect(stored).not.toBe(cipher.queryCodeHash('330902-20261201-000002', '042917'));
    expect(cipher.checkQueryCode(stored, '330902-20261201-000001', '042917')).toBe('current');
    expect(cipher.checkQueryCode(stored, '330902-20261201-000001', '042918')).toBe(false);
    expect(cipher.checkQueryCode(stored, '330902-20261201-000002', '042917')).toBe(false);
    const rotating = new PiiCipher(randomBytes(32).toString('base64'), [key]);
    expect(rotating.checkQueryCode(stored, '330902-20261201-000001', '042917')).toBe('previous');
    expect(
      new PiiCipher(randomBytes(32).toString('base64')).checkQueryCode(
        stored,
        '330902-20261201-000001',
        '042917',
      ),
    ).toBe(false);
  });
});
