import {
  HttpException,
  Injectable,
  Logger,
  Module,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { catchError, from, map, mergeMap, throwError, type Observable } from 'rxjs';
import { AppConfig, NotFound } from '@app/common';
import { clientKey } from './client-key';
import { isCode } from './codes';
import { RateLimitStore } from './rate-limit-store';

const MINUTE_MS = 60_000;

/**
 * The username a sign-in body names, lowercased, or '' when it names none: counted before the body
 * is validated, so whatever the body holds (an object whose toString throws) must not throw here.
 */
function usernameOf(body: unknown): string {
  const username = (body as { username?: unknown } | null)?.username;
  return typeof username === 'string' ? username.toLowerCase() : '';
}

/** The one RateLimitStore of the api, for the throttlers and the receipt-guessing limit. */
@Module({ providers: [RateLimitStore], exports: [RateLimitStore] })
class RateLimitStoreModule {}

/**
 * Two request throttlers, each a count per minute; past one, 429:
 * - `perUsername`: sign-in attempts per username from one client (LOGIN_LIMIT_PER_USER): a
 *   guesser elsewhere cannot lock the real user out, and each client also counts `perClient`;
 * - `perClient`: tracking and sign-in requests per client, all those endpoints together
 *   (TRACK_LIMIT_PER_CLIENT).
 * A client is an IPv4 address or an IPv6 /64 (`clientKey`), so rotating addresses within one
 * subscriber's /64 does not buy more attempts.
 * Wrong query codes are limited by ReceiptGuessingLimit. Routes opt out of the throttlers that do
 * not concern them (`@SkipThrottle`). A key is the tracker alone (not the route), so one count
 * covers every endpoint a throttler applies to. Counts live in Redis, shared by every api process,
 * with a fallback to this process when Redis is away (RateLimitStore).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStoreModule],
      inject: [AppConfig, RateLimitStore],
      useFactory: (config: AppConfig, storage: RateLimitStore) => ({
        storage,
        generateKey: (_context: ExecutionContext, tracker: string) => tracker,
        throttlers: [
          {
            name: 'perUsername',
            ttl: MINUTE_MS,
            limit: config.LOGIN_LIMIT_PER_USER,
            getTracker: (req: Record<string, any>) => `user:${usernameOf(req.body)}@${clientKey(req.ip)}`,
          },
          {
            name: 'perClient',
            ttl: MINUTE_MS,
            limit: config.TRACK_LIMIT_PER_CLIENT,
            getTracker: (req: Record<string, any>) => `client:${clientKey(req.ip)}`,
          },
        ],
      }),
    }),
    RateLimitStoreModule,
  ],
  exports: [ThrottlerModule, RateLimitStoreModule],
})
export class ApiThrottleModule {}

/**
 * Guessing a receipt's query code must not pay, and must not cost the holder of the right code
 * their access. Counted per case number (the route's `:caseNumber`, or the console sign-in form's
 * `caseNumber`) across every tracking endpoint (GET /track, withdraw, evaluation, the console's
 * applicant pages), a minute at a time, per client (`clientKey`: an IPv4 address
 * or an IPv6 /64):
 * - every attempt counts as a failure for the case and for the client before its code is checked
 *   (one atomic hit on both counters, in Redis shared by every api process), and the count is given
 *   back when the answer is not a 404 (the code proved right, or the request failed before its code
 *   was checked: a 400 body, a 409 state, which tell a guesser nothing) and when it is refused. So
 *   requests sent at once, to one api or several, cannot all pass on one read of the counts; a 404
 *   (a wrong or malformed code, an unknown case) keeps its count;
 * - a client with more than TRACK_FAILURES_PER_CLIENT counts for the case, its own included, is
 *   refused (429);
 * - once the case has more than TRACK_LIMIT_PER_CASE counts from all clients together (its failure
 *   budget), every client that already has a count for the case is refused (429); a client that
 *   has none still gets its code checked, so the applicant with the receipt keeps access whatever
 *   others send (their second request sent at once, before the first is answered, may be refused).
 *   Each client also counts `perClient` (60 a minute across cases).
 *
 * What a guesser gets: from one client (an IPv4 address or an IPv6 /64),
 * TRACK_FAILURES_PER_CLIENT guesses a minute per case out of 10^6 codes, however many it sends at
 * once. A botnet of N clients (N distinct IPv4 addresses or IPv6 /64s; a subscriber given a /56 or
 * /48 holds 256 or 65,536 of them) gets, per case and minute, the failure budget plus one guess per
 * client that has not failed yet (each is refused after its first failure once the budget is
 * spent); so about N guesses a minute: 10,000 clients need some 50 minutes for an even chance at
 * one case. The limit cannot tell such a botnet from applicants without locking the applicant
 * out, so the spent budget is logged (with the case number, no personal data) for staff to see the
 * attack; a code that was guessed can be answered by withdrawing at the window, and the code should
 * be treated as the credential it is.
 */
@Injectable()
export class ReceiptGuessingLimit implements NestInterceptor {
  private readonly logger = new Logger('ReceiptGuessingLimit');

  constructor(
    private readonly store: RateLimitStore,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context
      .switchToHttp()
      .getRequest<FastifyRequest<{ Params: { caseNumber?: string }; Body: { caseNumber?: unknown } }>>();
    // The console's applicant sign-in posts the case number in its form, not in the path.
    const caseNumber = String(req.params.caseNumber ?? req.body?.caseNumber);
    // Only a case number of the right shape names a count: anything else in the key could name
    // another client's count (`<number>:client:<their address>`) and lock them out. A malformed
    // number is a 404 that teaches nothing; the per-client throttler still limits it.
    if (!isCode('caseNumber', caseNumber)) return next.handle();
    const caseKey = `fail:case:${caseNumber}`;
    const keys = [caseKey, `${caseKey}:client:${clientKey(req.ip)}`];
    const giveBack = () => from(this.store.giveBack(keys));
    return from(this.store.hit(keys, MINUTE_MS)).pipe(
      mergeMap(([caseCount, clientCount]) => {
        if (
          clientCount > this.config.TRACK_FAILURES_PER_CLIENT ||
          (clientCount > 1 && caseCount > this.config.TRACK_LIMIT_PER_CASE)
        ) {
          return giveBack().pipe(mergeMap(() => throwError(tooManyWrongCodes)));
        }
        return next.handle().pipe(
          mergeMap((answer) => giveBack().pipe(map(() => answer))),
          catchError((e: unknown) => {
            if (e instanceof NotFound) {
              if (caseCount === this.config.TRACK_LIMIT_PER_CASE) this.budgetSpent(caseKey);
              return throwError(() => e);
            }
            return giveBack().pipe(mergeMap(() => throwError(() => e)));
          }),
        );
      }),
    );
  }

  private budgetSpent(caseKey: string): void {
    this.logger.warn(
      { caseKey },
      'wrong query codes for one case reached TRACK_LIMIT_PER_CASE this minute: clients that failed are refused',
    );
  }
}

/** 429 in the one error shape, for a client that has given too many wrong codes for a case. */
function tooManyWrongCodes(): HttpException {
  const retryAfterSeconds = MINUTE_MS / 1000;
  return new HttpException(
    {
      message: `too many wrong query codes for this case: try again in ${retryAfterSeconds} s`,
      details: { reason: 'too_many_wrong_codes', retryAfterSeconds },
    },
    429,
  );
}
