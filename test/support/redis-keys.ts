import Redis from 'ioredis';

/**
 * Deletes every key of the Redis at `url` that matches the glob `pattern` (e.g. `pa-test:*`, one
 * run's keys) and nothing else; answers how many it deleted.
 */
export async function deleteRedisKeys(url: string, pattern: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  let deleted = 0;
  try {
    for await (const keys of redis.scanStream({ match: pattern, count: 500 })) {
      if ((keys as string[]).length > 0) deleted += await redis.unlink(...(keys as string[]));
    }
  } finally {
    await redis.quit();
  }
  return deleted;
}
