import { JwtService } from '@nestjs/jwt';
import { sign } from 'jsonwebtoken';
import { loadConfig } from '@app/common';
import { StaffTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from './staff-tokens';

const SECRET = 'a test secret that is long enough to sign';
const config = loadConfig({ JWT_SECRET: SECRET, JWT_TTL_SECONDS: '900' });
const tokens = new StaffTokens(new JwtService({ secret: SECRET }), config);
const signed = { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithm: 'HS256' as const };

describe('StaffTokens', () => {
  it('gives back the clerk it was issued for, with their window', () => {
    const issued = tokens.issue({ username: 'clerk-w330902', role: 'clerk', windowCode: 'W330902' });
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(tokens.verify(issued.accessToken)).toEqual({
      username: 'clerk-w330902',
      role: 'clerk',
      windowCode: 'W330902',
    });
  });

  it('says an expired token has expired', () => {
    const expired = sign({ sub: 'clerk-w330902', role: 'clerk', windowCode: 'W330902' }, SECRET, {
      ...signed,
      expiresIn: -10,
    });
    expect(() => tokens.verify(expired)).toThrow('the token has expired: sign in again');
  });

  it.each([
    [
      'signed with another secret',
      sign({ sub: 'admin', role: 'admin' }, 'another secret of enough length!', signed),
    ],
    ['unsigned (alg none)', sign({ sub: 'admin', role: 'admin' }, '', { ...signed, algorithm: 'none' })],
    [
      'for another audience',
      sign({ sub: 'admin', role: 'admin' }, SECRET, { ...signed, audience: 'elsewhere' }),
    ],
    ['an officer without a jurisdiction', sign({ sub: 'officer-x', role: 'officer' }, SECRET, signed)],
    ['a role no account has', sign({ sub: 'courier-job', role: 'system' }, SECRET, signed)],
    ['not a token at all', 'not.a.token'],
  ])('refuses a token %s', (_, token) => {
    expect(() => tokens.verify(token)).toThrow('the token is not valid');
  });
});
