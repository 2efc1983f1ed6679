import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@app/common';

const MINUTE_MS = 60_000;

/**
 * The username a sign-in body names, lowercased, or '' when it names none: counted before the body
 * is validated, so whatever the body holds (an object whose toString throws) must not throw here.
 */
function usernameOf(body: unknown): string {
  const username = (body as { username?: unknown } | null)?.username;
  return typeof username === 'string' ? username.toLowerCase() : '';
}

/**
 * Guessing must not pay. Three throttlers, each a count per minute; past one, 429:
 * - `perCase`: tracking requests per case number, whoever asks (TRACK_LIMIT_PER_CASE), so a
 *   receipt's six-digit query code cannot be walked;
 * - `perUsername`: sign-in attempts per username from one client address (LOGIN_LIMIT_PER_USER):
 *   a guesser elsewhere cannot lock the real user out, and each address also counts `perClient`;
 * - `perClient`: tracking and sign-in requests per client address (TRACK_LIMIT_PER_CLIENT).
 * Routes opt out of the throttlers that do not concern them (`@SkipThrottle`). Counts live in the
 * api process (one api: exact; several: each counts its own share).
 */
export const ApiThrottleModule = ThrottlerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    throttlers: [
      {
        name: 'perCase',
        ttl: MINUTE_MS,
        limit: config.TRACK_LIMIT_PER_CASE,
        getTracker: (req: Record<string, any>) => `case:${String(req.params?.caseNumber)}`,
      },
      {
        name: 'perUsername',
        ttl: MINUTE_MS,
        limit: config.LOGIN_LIMIT_PER_USER,
        getTracker: (req: Record<string, any>) => `user:${usernameOf(req.body)}@${String(req.ip)}`,
      },
      {
        name: 'perClient',
        ttl: MINUTE_MS,
        limit: config.TRACK_LIMIT_PER_CLIENT,
        getTracker: (req: Record<string, any>) => `client:${String(req.ip)}`,
      },
    ],
  }),
});
