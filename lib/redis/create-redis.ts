import { Redis } from 'ioredis';

export interface RedisClientOptions {
  /** `redis://[:password@]host:port[/db]` (`REDIS_URL`). */
  readonly url: string;
  /** Shown in `CLIENT LIST`. */
  readonly connectionName: string;
  /** A command waits at most this long for its answer. Default 1000 ms. */
  readonly commandTimeoutMs?: number;
  readonly onError?: (error: Error) => void;
}

/**
 * A Redis connection that fails fast: no offline queue (a command while disconnected fails at once instead of
 * waiting for the server), one attempt per command, a command timeout — callers decide how to degrade. It
 * reconnects by itself with a capped backoff, so the store recovers when the server comes back.
 */
export function createRedis({ url, connectionName, commandTimeoutMs = 1_000, onError = () => undefined }: RedisClientOptions): Redis {
  const redis = new Redis(url, {
    connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2_000),
    lazyConnect: false,
  });
  redis.on('error', onError);
  return redis;
}

export type { Redis };

/** Resolves once the connection is ready (at once if it is), rejects after `timeoutMs`: a start-up check. */
export function redisReady(redis: Redis, timeoutMs = 5_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis not ready within ${timeoutMs} ms (status ${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
