import type { Redis } from 'ioredis';
import type { StoreHealth } from '../store-health/index.js';

/**
 * One round trip of a Redis-backed cache: undefined instead of an error when Redis cannot be reached (a cache miss
 * for the caller, never a failed request), recorded in the store's health; `onCommand` counts round trips.
 */
export function redisAttempt(redis: Redis, health: StoreHealth, onCommand: () => void = () => undefined): <T>(command: () => Promise<T>) => Promise<T | undefined> {
  return async (command) => {
    if (redis.status !== 'ready') {
      health.failed(new Error(`Redis connection ${redis.status}`));
      return undefined;
    }
    onCommand();
    try {
      return await health.track(command);
    } catch {
      return undefined;
    }
  };
}
