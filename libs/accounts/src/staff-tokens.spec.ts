import { JwtService } from '@nestjs/jwt';
import { sign } from 'jsonwebtoken';
import { loadConfig } from '@app/common';
import { StaffTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from './staff-tokens';

const SECRET = 'a test secret that is long enough to sign';
const config = loadConfig({ JWT_SECRET: SECRET, JWT_TTL_SECONDS: '900' });
const tokens = new StaffTokens(new JwtService({ secret: SECRET }), config);
const signed = { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithm: 'HS256' as const, expiresIn: 60 };
const clerk = { sub: 'clerk-w330902', ver: 1, role: 'clerk', windowCode: 'W330902' };

describe('StaffTokens', () => {
  it('names the account and token version it was issued for, and tells the client its role and window', () => {
    const issued = tokens.issue({ username: 'clerk-w330902', role: 'clerk', windowCode: 'W330902' }, 3);
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, account: { windowCode: 'W330902' } });
    expect(tokens.verify(issued.accessToken)).toEqual({ username: 'clerk-w330902', tokenVersion: 3 });
  });

  it('refuses a token older than JWT_TTL_SECONDS whatever expiry it claims', () => {
    const aged = sign({ ...clerk, iat: Math.floor(Date.now() / 1000) - 1000 }, SECRET, {
      ...signed,
      expiresIn: 365 * 24 * 3600,
    });
    expect(() => tokens.verify(aged)).toThrow('the token has expired: sign in again');
  });

  it('says an expired token has expired', () => {
    const expired = sign(clerk, SECRET, { ...signed, expiresIn: -10 });
    expect(() => tokens.verify(expired)).toThrow('the token has expired: sign in again');
  });

  it.each([
    ['signed with another secret', sign(clerk, 'another secret of enough length, too', signed)],
    ['unsigned (alg none)', sign(clerk, '', { ...signed, algorithm: 'none' })],
    ['for another audience', sign(clerk, SECRET, { ...signed, audience: 'elsewhere' })],
    ['from another issuer', sign(clerk, SECRET, { ...signed, issuer: 'elsewhere' })],
    ['that never expires', sign(clerk, SECRET, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE })],
    ['without a subject', sign({ ver: 1, role: 'admin' }, SECRET, signed)],
    ['without a token version', sign({ sub: 'clerk-w330902', role: 'clerk' }, SECRET, signed)],
    ['with a version no account can have', sign({ ...clerk, ver: 2 ** 31 }, SECRET, signed)],
    ['naming no well-formed username', sign({ ...clerk, sub: 'admin\u0000' }, SECRET, signed)],
    ['not a token at all', 'not.a.token'],
  ])('refuses a token %s', (_, token) => {
    expect(() => tokens.verify(token)).toThrow('the token is not valid');
  });
});
