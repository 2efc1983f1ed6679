import { randomBytes } from 'node:crypto';
import { loadConfig } from './app-config';

/** What an operator must set before production starts: their own keys and a real bcrypt cost. */
const production = {
  NODE_ENV: 'production',
  PII_KEY: randomBytes(32).toString('base64'),
  JWT_SECRET: randomBytes(32).toString('base64'),
  AUDIT_KEY: randomBytes(32).toString('base64'),
  HANDOVER_ROOT_KEY: randomBytes(32).toString('base64'),
  BCRYPT_COST: '12',
};

describe('loadConfig', () => {
  it('starts in production with keys of the operator’s own', () => {
    expect(loadConfig(production).BCRYPT_COST).toBe(12);
  });

  it.each([
    ['PII_KEY', { PII_KEY: undefined }],
    ['JWT_SECRET', { JWT_SECRET: undefined }],
    ['AUDIT_KEY', { AUDIT_KEY: undefined }],
    ['HANDOVER_ROOT_KEY', { HANDOVER_ROOT_KEY: undefined }],
    ['BCRYPT_COST', { BCRYPT_COST: '8' }],
  ])('refuses production with the development %s', (variable, change) => {
    expect(() => loadConfig({ ...production, ...change })).toThrow(
      new RegExp(`^invalid configuration: ${variable}`),
    );
  });

  it('puts the documents’ tracking addresses on the api itself unless PUBLIC_BASE_URL says otherwise', () => {
    expect(loadConfig({}).PUBLIC_BASE_URL).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://zwfw.example.cn/' }).PUBLIC_BASE_URL).toBe(
      'https://zwfw.example.cn',
    );
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'zwfw.example.cn' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('refuses a token secret shorter than 32 characters, naming the variable', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it.each(['', '2', '10.0.0.1', '10.0.0.0/8, ::1', 'fd00::/64'])('takes TRUST_PROXY %p', (value) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toBe(value);
  });

  it.each(['abc', 'cafe', '1.2.3.999', '10.0.0.0/99', '1,2', 'loopback'])(
    'refuses TRUST_PROXY %p, naming it',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^invalid configuration: TRUST_PROXY/);
    },
  );

  it.each([
    ['AUDIT_KEY', { AUDIT_KEY: 'c2hvcnQ=' }],
    ['HANDOVER_ROOT_KEY', { HANDOVER_ROOT_KEY: 'c2hvcnQ=' }],
    ['PII_PREVIOUS_KEYS', { PII_PREVIOUS_KEYS: 'c2hvcnQ=' }],
  ])('refuses a %s that is not 32 bytes base64, naming it', (variable, change) => {
    expect(() => loadConfig(change)).toThrow(new RegExp(variable));
  });

  it('refuses a demo staff password shorter than 12 characters', () => {
    expect(() => loadConfig({ DEMO_STAFF_PASSWORD: 'password1' })).toThrow(/DEMO_STAFF_PASSWORD/);
  });
});
