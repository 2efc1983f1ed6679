import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { AppConfig, redisConnectionOptions } from '@app/common';

/**
 * Redis readiness for BullMQ: answers PING, and runs with `maxmemory-policy noeviction` (any other
 * policy may evict queue keys, and jobs vanish).
 */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    this.redis = new Redis({
      ...redisConnectionOptions(config.REDIS_URL),
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
  }

  async check(key = 'redis') {
    const indicator = this.health.check(key);
    try {
      await this.redis.ping();
      const [, policy] = (await this.redis.config('GET', 'maxmemory-policy')) as [string, string];
      if (policy !== 'noeviction') return indicator.down({ maxmemoryPolicy: policy, expected: 'noeviction' });
      return indicator.up({ maxmemoryPolicy: policy });
    } catch (e) {
      return indicator.down({ message: (e as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
