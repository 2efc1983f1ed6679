import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/common';
import { principalOf, type StaffPrincipal } from './staff-principal';

/** Issuer and audience every staff token carries; a token without them is refused. */
export const TOKEN_ISSUER = 'proxy-acceptance';
export const TOKEN_AUDIENCE = 'proxy-acceptance-api';

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
  role: string;
  windowCode?: string;
  jurisdictionCode?: string;
  divisionCode?: string;
}

/** 401 with the reason; never says more about the token than that it is not accepted. */
const unauthorized = (message: string) =>
  new UnauthorizedException({ message, details: [{ field: 'Authorization', message }] });

/**
 * Short-lived HS256 JWTs for staff (JWT_SECRET, JWT_TTL_SECONDS, 15 min by default). The token
 * proves who signed in and their binding; the api's guard also checks the account is still active.
 */
@Injectable()
export class StaffTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** A token for `principal`, valid JWT_TTL_SECONDS. */
  issue(principal: StaffPrincipal): AccessToken {
    const { username, ...binding } = principal;
    const accessToken = this.jwt.sign({ ...binding, sub: username } satisfies StaffClaims, {
      algorithm: 'HS256',
      expiresIn: this.config.JWT_TTL_SECONDS,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS, account: principal };
  }

  /**
   * The principal of the bearer token `token`.
   * @throws UnauthorizedException (401) a token that is malformed, expired, signed with another
   *   secret or algorithm, for another issuer or audience, or whose claims do not fit a role
   */
  verify(token: string): StaffPrincipal {
    let claims: StaffClaims;
    try {
      claims = this.jwt.verify<StaffClaims>(token, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw unauthorized(expired ? 'the token has expired: sign in again' : 'the token is not valid');
    }
    const principal =
      typeof claims.sub === 'string'
        ? principalOf({
            username: claims.sub,
            role: claims.role,
            windowCode: claims.windowCode ?? null,
            jurisdictionCode: claims.jurisdictionCode ?? null,
            divisionCode: claims.divisionCode ?? null,
          })
        : null;
    if (!principal) throw unauthorized('the token is not valid');
    return principal;
  }
}
