import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { AppConfig, redisConnectionOptions } from '@app/common';

/** What ThrottlerStorage.increment answers (seconds), as @nestjs/throttler defines it. */
type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long one Redis command may take before the count falls back to this process, ms. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** How long start-up waits for the first connection before counting in this process, ms. */
const REDIS_CONNECT_WAIT_MS = 2_000;

/** Decrements each of KEYS that holds a count above 0 (DECR keeps the key's expiry). */
const GIVE_BACK_SCRIPT = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0`;

/**
 * Where every rate-limit count lives: in Redis (REDIS_URL), so all api processes share one count,
 * under `<QUEUE_PREFIX>:ratelimit:` so two deployments or test runs on one Redis never share counts.
 * The throttler's counts go through @nest-lab/throttler-storage-redis; `hit`/`giveBack` keep plain
 * counters (the tracking failure counts, taken before a code is checked and given back when it is
 * right), each change atomic in Redis.
 *
 * When Redis does not answer (refused, not connected, or slower than 500 ms) every count is kept
 * in this process instead (@nestjs/throttler's own in-memory storage and a map), so sign-in and
 * tracking keep working and stay limited, each api counting its own share; the switch is logged
 * once each way. Counts made meanwhile stay in the process that made them.
 */
@Injectable()
export class RateLimitStore implements ThrottlerStorage, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimitStore');
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private readonly localCounts = new Map<string, { count: number; expiresAt: number }>();
  private degraded = false;

  constructor(config: AppConfig) {
    this.redis = new Redis({
      ...redisConnectionOptions(config.REDIS_URL),
      keyPrefix: `${config.QUEUE_PREFIX}:ratelimit:`,
      // Fail at once when Redis is away, instead of queueing requests behind a reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    });
    // Connection errors reach `shared`/`counts` as rejected commands; the switch is logged there.
    this.redis.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  /** Waits (at most 2 s) for the first connection, so the first requests count in Redis. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, REDIS_CONNECT_WAIT_MS);
      this.redis.once('ready', done);
    });
  }

  /** ThrottlerStorage: one hit on `key` (seconds in the answer, as @nestjs/throttler expects). */
  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    return this.either(
      () => this.shared.increment(key, ttl, limit, blockDuration, throttlerName),
      () => this.local.increment(key, ttl, limit, blockDuration, throttlerName),
    );
  }

  /**
   * Adds one to each counter in `keys` at once (one MULTI, so concurrent callers, in this or another
   * api process, each see a count of their own) and answers the counts after it, in order. A
   * counter's window of `ttlMs` starts with its first hit (later hits do not prolong it).
   */
  hit(keys: string[], ttlMs: number): Promise<number[]> {
    return this.either(
      async () => {
        const multi = this.redis.multi();
        for (const key of keys) multi.incr(key).pexpire(key, ttlMs, 'NX');
        const results = await multi.exec();
        const failed = results?.find(([error]) => error);
        if (!results || failed) throw failed?.[0] ?? new Error('transaction discarded');
        return keys.map((_, i) => Number(results[2 * i][1]));
      },
      // Synchronous, so no other request of this process comes between a read and its write.
      () => {
        const now = Date.now();
        const counts = keys.map((key) => {
          const entry = this.localCount(key, now) ?? { count: 0, expiresAt: now + ttlMs };
          entry.count += 1;
          this.localCounts.set(key, entry);
          return entry.count;
        });
        this.sweep(now);
        return counts;
      },
    );
  }

  /**
   * Takes back one hit from each counter in `keys` (a hit that turned out not to count), atomically;
   * a counter at 0 or expired is left alone, so a late give-back never goes below 0 or makes a
   * counter without a window.
   */
  async giveBack(keys: string[]): Promise<void> {
    await this.either(
      async () => {
        await this.redis.eval(GIVE_BACK_SCRIPT, keys.length, ...keys);
      },
      () => {
        for (const key of keys) {
          const entry = this.localCount(key);
          if (entry && entry.count > 0) entry.count -= 1;
        }
      },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.local.onApplicationShutdown();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Runs `shared`; when Redis fails, `local` (logging the switch once, and the way back once). */
  private async either<T>(shared: () => Promise<T>, local: () => T | Promise<T>): Promise<T> {
    let answer: T;
    try {
      answer = await shared();
    } catch (e) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn(
          `Redis does not answer (${(e as Error).message}): rate limits are counted in this process until it does`,
        );
      }
      return local();
    }
    if (this.degraded) {
      this.degraded = false;
      this.logger.log('Redis answers again: rate limits are counted in Redis');
    }
    return answer;
  }

  private localCount(key: string, now = Date.now()) {
    const entry = this.localCounts.get(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  /** Drops expired counters once the map grows, so a flood of keys cannot grow it without end. */
  private sweep(now: number): void {
    if (this.localCounts.size < 10_000) return;
    for (const [key, entry] of this.localCounts) if (entry.expiresAt <= now) this.localCounts.delete(key);
  }
}
