import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, NotAuthenticated } from '@app/common';
import { USERNAME_PATTERN } from './create-account';
import type { StaffPrincipal } from './staff-principal';

/** Issuer and audience every staff token carries; a token without them is refused. */
export const TOKEN_ISSUER = 'proxy-acceptance';
export const TOKEN_AUDIENCE = 'proxy-acceptance-api';

/** The largest token version the schema holds (a PostgreSQL int). */
const MAX_TOKEN_VERSION = 2 ** 31 - 1;

/** What signing in answers (OAuth 2.0 token response shape, RFC 6749 §5.1). */
export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the token lapses (JWT_TTL_SECONDS). */
  expiresIn: number;
  account: StaffPrincipal;
}

interface StaffClaims {
  sub: string;
  /** The account's token version at issue (see StaffAccountEntity.tokenVersion). */
  ver: number;
  role: string;
  windowCode?: string;
  jurisdictionCode?: string;
  divisionCode?: string;
  lead?: boolean;
}

/** 401 with the reason; never says more about the token than that it is not accepted. */
export const tokenRefused = (message: string) =>
  new NotAuthenticated('token_refused', message, [{ field: 'Authorization', message }]);

/** Who a verified token names, and the account's token version when it was issued. */
export interface TokenHolder {
  username: string;
  tokenVersion: number;
}

/**
 * Short-lived HS256 JWTs for staff (JWT_SECRET, JWT_TTL_SECONDS, 15 min by default). A token proves
 * who signed in and when; its role and binding claims are for the client to read. The api's guard
 * takes the role and binding from the account row, so a token cannot carry more than the account has.
 */
@Injectable()
export class StaffTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** A token for `principal` at the account's `tokenVersion`, valid JWT_TTL_SECONDS. */
  issue(principal: StaffPrincipal, tokenVersion: number): AccessToken {
    const { username, ...binding } = principal;
    const accessToken = this.jwt.sign(
      { ...binding, sub: username, ver: tokenVersion } satisfies StaffClaims,
      {
        algorithm: 'HS256',
        expiresIn: this.config.JWT_TTL_SECONDS,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS, account: principal };
  }

  /**
   * The holder of the bearer token `token`.
   * @throws NotAuthenticated (401) a token that is malformed, expired or older than
   *   JWT_TTL_SECONDS, without an expiry, a well-formed username or a token version, signed with
   *   another secret or algorithm, or for another issuer or audience
   */
  verify(token: string): TokenHolder {
    let claims: Partial<StaffClaims> & { exp?: unknown };
    try {
      claims = this.jwt.verify(token, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        // A token older than the lifetime we issue is refused even if it claims a later expiry.
        maxAge: this.config.JWT_TTL_SECONDS,
      });
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw tokenRefused(expired ? 'the token has expired: sign in again' : 'the token is not valid');
    }
    const { sub, ver, exp } = claims;
    const wellFormed =
      typeof sub === 'string' &&
      USERNAME_PATTERN.test(sub) &&
      Number.isInteger(ver) &&
      (ver as number) >= 1 &&
      (ver as number) <= MAX_TOKEN_VERSION &&
      typeof exp === 'number';
    if (!wellFormed) throw tokenRefused('the token is not valid');
    return { username: sub, tokenVersion: ver as number };
  }
}
