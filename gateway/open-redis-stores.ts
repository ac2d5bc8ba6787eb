import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { createRedisEventBus, type EventBus } from '../lib/events/index.js';
import type { Logger } from '../lib/log/index.js';
import { createRedis, redisReady } from '../lib/redis/index.js';
import { createStoreHealth, type StoreHealth, type StoreHealthRegistry } from '../lib/store-health/index.js';
import type { GatewayConfig } from './config.js';
import type { GatewayMetrics } from './metrics/index.js';
import { createMemoryRateLimitStore, createRedisRateLimitStore, withLocalFallback, type RateLimitStore } from './rate-limit/index.js';
import { createRedisKeyValueCache } from './response-cache/index.js';
import { createRedisSharedReadsStore, type SharedReadsAcrossReplicas } from './subgraph-fetch/index.js';
import { createRedisPrincipalStreams, type PrincipalStreams } from './subscriptions/index.js';

/** Largest answer or response one replica puts in Redis for the others: larger ones stay in each replica's memory. */
const redisValueMaxBytes = 1_000_000;
/** How long start-up waits for Redis before serving without it (degraded, see /ready). */
const redisStartWaitMs = 3_000;

export interface RedisStores {
  /** Shared by every replica; each process limits alone with its share while Redis is down. */
  readonly rateLimitStore: RateLimitStore;
  readonly responseCache: KeyValueCache<string>;
  readonly sharedReads: SharedReadsAcrossReplicas;
  /** Pub/sub between the replicas (cache invalidation; the push issue's events). */
  readonly bus: EventBus;
  /**
   * Each principal's open subscriptions counted across the replicas, on this connection; its health (`subscriptions`,
   * `local-fallback`) joins /ready when called, i.e. only where subscriptions are on.
   */
  subscriptionStreams(leaseMs: number): PrincipalStreams;
  close(): Promise<void>;
}

/**
 * Scaled mode (`REDIS_URL`): the gateway's stores shared by its replicas, on one command connection and one
 * subscriber connection per process. None of them is needed to serve — while Redis is down the rate limiter limits
 * per process and the caches miss — so start-up does not wait for Redis longer than `redisStartWaitMs`, and each
 * store's health goes to `/ready` (degraded) and `/metrics` (`guichet_store_up`, `guichet_store_failures_total`).
 */
export async function openRedisStores(url: string, config: GatewayConfig, log: Logger, metrics: GatewayMetrics, healths: StoreHealthRegistry): Promise<RedisStores> {
  const redisLog = log.child({ component: 'redis' });
  const all: StoreHealth[] = [];
  const health = (store: string, whileDown: string): StoreHealth => {
    const created = createStoreHealth({
      store,
      engine: 'redis',
      whileDown,
      onChange: (status) => (status.up ? redisLog.info({ store }, 'Redis store reachable again') : redisLog.warn({ store, whileDown, err: status.lastError }, 'Redis store unreachable; degraded')),
    });
    healths.add(created);
    all.push(created);
    return created;
  };
  const count = (store: string) => () => metrics.countRedisCommand(store);
  // Reconnection attempts repeat the same error: the stores' health logs the transitions.
  const redis = createRedis({ url, connectionName: `guichet-gateway-${process.pid}`, onError: (error) => redisLog.debug({ err: error }, 'Redis connection error') });
  try {
    await redisReady(redis, redisStartWaitMs);
  } catch (error) {
    redisLog.warn({ err: error }, 'Redis not reachable at start-up; serving degraded until it is');
  }
  // The connection's own events as well as the stores' operations: a store without traffic shows Redis going away and
  // coming back too. A lost connection counts as one failure, however many reconnection attempts follow.
  redis.on('close', () => {
    for (const store of all) if (store.status().up) store.failed(new Error('Redis connection lost'));
  });
  redis.on('ready', () => {
    for (const store of all) store.succeeded();
  });
  const rateLimitHealth = health('rate-limit', 'local-fallback');
  const rateLimitStore = withLocalFallback({
    shared: createRedisRateLimitStore({ redis, onCommand: count('rate-limit') }),
    local: createMemoryRateLimitStore({ maxKeys: config.rateLimit.maxKeys }),
    share: config.rateLimit.fallbackReplicas * config.workers,
    sharedAvailable: () => redis.status === 'ready',
    health: rateLimitHealth,
  });
  const responseCache = createRedisKeyValueCache({
    redis,
    maxValueBytes: redisValueMaxBytes,
    defaultTtlSeconds: config.sharedReads.cacheMaxAgeSeconds,
    health: health('response-cache', 'cache-miss'),
    onCommand: count('response-cache'),
  });
  const bus = createRedisEventBus({
    publisher: redis,
    url,
    connectionName: `guichet-gateway-${process.pid}-events`,
    health: health('events', 'messages-lost'),
    onCommand: count('events'),
    onHandlerError: (error) => redisLog.error({ err: error }, 'event handler failed'),
  });
  const sharedReadsStore = createRedisSharedReadsStore({
    redis,
    maxValueBytes: redisValueMaxBytes,
    callerIndexTtlMs: config.sharedReads.cacheMaxAgeSeconds * 1_000,
    health: health('shared-reads', 'cache-miss'),
    onCommand: count('shared-reads'),
  });
  return {
    rateLimitStore,
    responseCache,
    sharedReads: { store: sharedReadsStore, bus },
    bus,
    subscriptionStreams: (leaseMs) => createRedisPrincipalStreams({ redis, leaseMs, health: health('subscriptions', 'local-fallback'), onCommand: count('subscriptions') }),
    async close() {
      await bus.close();
      redis.disconnect();
    },
  };
}

/** The configuration the gateway is built from in scaled mode: its caches on the stores the replicas share. */
export function withRedisStores(config: GatewayConfig, stores: RedisStores): GatewayConfig {
  return { ...config, sharedReads: { ...config.sharedReads, acrossReplicas: stores.sharedReads }, responseCacheShared: stores.responseCache };
}
