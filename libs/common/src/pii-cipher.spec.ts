import { randomBytes } from 'node:crypto';
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
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    expect(() => new PiiCipher(randomBytes(32).toString('base64')).decrypt(stored)).toThrow();
  });

  it('gives a stable lookup hash per key', () => {
    expect(cipher.lookupHash('330902199003072157')).toBe(cipher.lookupHash('330902199003072157'));
    expect(new PiiCipher(randomBytes(32).toString('base64')).lookupHash('330902199003072157')).not.toBe(
      cipher.lookupHash('330902199003072157'),
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new PiiCipher(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });
});
