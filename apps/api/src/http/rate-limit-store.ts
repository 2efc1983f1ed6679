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

/**
 * Where every rate-limit count lives: in Redis (REDIS_URL), so all api processes share one count,
 * under `<QUEUE_PREFIX>:ratelimit:` so two deployments or test runs on one Redis never share counts.
 * The throttler's counts go through @nest-lab/throttler-storage-redis; `counts`/`add` keep plain
 * counters (the tracking failure counts, which must be read before a code is checked).
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

  /** The current value of each counter in `keys` (0 when absent or expired), in order. */
  counts(keys: string[]): Promise<number[]> {
    return this.either(
      async () => (await this.redis.mget(...keys)).map((v) => Number(v ?? 0)),
      () => keys.map((key) => this.localCount(key)?.count ?? 0),
    );
  }

  /**
   * Adds one to each counter in `keys`; a counter's window of `ttlMs` starts with its first hit
   * (later hits do not prolong it).
   */
  async add(keys: string[], ttlMs: number): Promise<void> {
    await this.either(
      async () => {
        const multi = this.redis.multi();
        for (const key of keys) multi.incr(key).pexpire(key, ttlMs, 'NX');
        const results = await multi.exec();
        const failed = results?.find(([error]) => error);
        if (!results || failed) throw failed?.[0] ?? new Error('transaction discarded');
      },
      () => {
        const now = Date.now();
        for (const key of keys) {
          const entry = this.localCount(key, now) ?? { count: 0, expiresAt: now + ttlMs };
          entry.count += 1;
          this.localCounts.set(key, entry);
        }
        this.sweep(now);
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
