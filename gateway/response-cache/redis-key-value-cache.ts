import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { redisAttempt, type Redis } from '../../lib/redis/index.js';
import type { StoreHealth } from '../../lib/store-health/index.js';

export interface RedisKeyValueCacheOptions {
  readonly redis: Redis;
  /** Largest value kept (bytes of UTF-8): a larger response is simply not cached. */
  readonly maxValueBytes: number;
  /** TTL of a value set without one (Apollo's response cache always gives one). */
  readonly defaultTtlSeconds: number;
  readonly health: StoreHealth;
  /** Put before every key. Default `guichet:responses:`. */
  readonly keyPrefix?: string;
  /** Counts one round trip to Redis (`guichet_redis_commands_total{store="response-cache"}`). */
  readonly onCommand?: () => void;
}

/**
 * Apollo's `KeyValueCache` on Redis, for the response cache of every gateway replica: a response one replica cached
 * serves the next replica's poll. One command per call, every value with a TTL (so Redis may evict under
 * `maxmemory-policy volatile-lru`). Never fails the request: a Redis that cannot be reached reads as a miss, a write
 * that cannot be made is skipped — counted by the store's health (`guichet_store_failures_total`).
 */
export function createRedisKeyValueCache({
  redis,
  maxValueBytes,
  defaultTtlSeconds,
  health,
  keyPrefix = 'guichet:responses:',
  onCommand = () => undefined,
}: RedisKeyValueCacheOptions): KeyValueCache<string> {
  const attempt = redisAttempt(redis, health, onCommand);
  return {
    async get(key) {
      return (await attempt(() => redis.get(keyPrefix + key))) ?? undefined;
    },
    async set(key, value, options?: KeyValueCacheSetOptions) {
      const ttlSeconds = options?.ttl ?? defaultTtlSeconds;
      if (!(ttlSeconds > 0) || Buffer.byteLength(value) > maxValueBytes) return;
      await attempt(() => redis.set(keyPrefix + key, value, 'PX', Math.ceil(ttlSeconds * 1_000)));
    },
    async delete(key) {
      const deleted = await attempt(() => redis.del(keyPrefix + key));
      return deleted === undefined ? false : deleted > 0;
    },
  };
}
