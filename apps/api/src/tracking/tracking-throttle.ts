import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@app/common';

const MINUTE_MS = 60_000;

/**
 * Guessing a receipt's six-digit query code must not pay: tracking is limited per case number
 * (TRACK_LIMIT_PER_CASE a minute, whoever asks) and per client address (TRACK_LIMIT_PER_CLIENT a
 * minute, whatever case). Past either, 429. Counts live in the api process (one api: exact; several:
 * each counts its own share).
 */
export const TrackingThrottleModule = ThrottlerModule.forRootAsync({
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
        name: 'perClient',
        ttl: MINUTE_MS,
        limit: config.TRACK_LIMIT_PER_CLIENT,
        getTracker: (req: Record<string, any>) => `client:${String(req.ip)}`,
      },
    ],
  }),
});
