import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.js';
import { createRedis, redisReady, type Redis } from '../../lib/redis/index.js';
import { createStoreHealth } from '../../lib/store-health/index.js';
import { startRedisServer, type RedisServer } from '../../scripts/servers/index.js';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.js';
import { createRateLimiter } from './rate-limiter.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { createRedisRateLimitStore } from './redis-rate-limit-store.js';
import { describeRateLimitStoreContract } from './test-support/rate-limit-store-contract.js';
import { withLocalFallback } from './with-local-fallback.js';

let server: RedisServer;
const connections: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await server?.stop('kill');
});

/** A gateway replica's own connection, as each replica has. */
async function connect(name: string): Promise<Redis> {
  const redis = createRedis({ url: server.url, connectionName: name });
  connections.push(redis);
  await redisReady(redis);
  return redis;
}

let prefixes = 0;
describeRateLimitStoreContract('Redis store', async () => createRedisRateLimitStore({ redis: await connect('contract'), keyPrefix: `contract-${++prefixes}:` }));

const citizen = (subject: string): Principal => ({ subject, role: 'citizen', niu: '000000000001', scopes: ['citizen'], clientId: 'portail-web' });
const limits = { userPerMinute: 120, clientPerMinute: 0, anonymousPerMinute: 60 };

/** Sends `total` requests of one user alternately through each limiter; how many were let through. */
async function served(limiters: ReturnType<typeof createRateLimiter>[], subject: string, total: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < total; i++) if ((await limiters[i % limiters.length]!.check(citizen(subject), '10.0.0.1')).allowed) allowed += 1;
  return allowed;
}

describe('two gateways on one Redis', () => {
  it('enforce one limit: a user gets 120 per minute in total, not 120 per gateway', async () => {
    const nowMs = 1_750_000_000_000;
    const gateways = await Promise.all(
      ['gateway-1', 'gateway-2'].map(async (name) => createRateLimiter({ store: createRedisRateLimitStore({ redis: await connect(name), keyPrefix: 'shared:' }), limits, now: () => nowMs })),
    );
    expect(await served(gateways, 'afi', 300)).toBe(120);
    // The same two gateways on memory stores of their own each let 120 through: what Redis is there to prevent.
    const apart = [0, 1].map(() => createRateLimiter({ store: createMemoryRateLimitStore(), limits, now: () => nowMs }));
    expect(await served(apart, 'afi', 300)).toBe(240);
  });

  it('also when both count the same user at the same time (the script is atomic)', async () => {
    const nowMs = 1_750_000_000_000;
    const gateways = await Promise.all(
      ['gateway-3', 'gateway-4'].map(async (name) => createRateLimiter({ store: createRedisRateLimitStore({ redis: await connect(name), keyPrefix: 'concurrent:' }), limits, now: () => nowMs })),
    );
    const verdicts = await Promise.all(Array.from({ length: 300 }, (_, i) => gateways[i % 2]!.check(citizen('kodjo'), '10.0.0.1')));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(120);
  });

  it('loads the script again after Redis forgot it (NOSCRIPT), counting each round trip', async () => {
    const redis = await connect('noscript');
    let commands = 0;
    const store = createRedisRateLimitStore({ redis, keyPrefix: 'noscript:', onCommand: () => (commands += 1) });
    await store.hit('a', { limit: 2, windowMs: 60_000 }, 0);
    await redis.script('FLUSH');
    commands = 0;
    expect(await store.hit('a', { limit: 2, windowMs: 60_000 }, 0)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 0, resetMs: 60_000 });
    expect(commands).toBe(2);
    commands = 0;
    await store.hit('a', { limit: 2, windowMs: 60_000 }, 0);
    expect(commands).toBe(1);
  });
});

describe('while Redis is down', () => {
  it('limits each gateway with its share of the limit, shows the store down, and goes back to Redis by itself', async () => {
    let nowMs = 1_750_000_000_000;
    const health = createStoreHealth({ store: 'rate-limit', engine: 'redis', whileDown: 'local-fallback' });
    const redis = await connect('fallback');
    const store: RateLimitStore = withLocalFallback({
      shared: createRedisRateLimitStore({ redis, keyPrefix: 'fallback:' }),
      local: createMemoryRateLimitStore(),
      share: 2,
      sharedAvailable: () => redis.status === 'ready',
      health,
    });
    const limiter = createRateLimiter({ store, limits, now: () => nowMs });
    expect(await served([limiter], 'ama', 10)).toBe(10);
    expect(health.status().up).toBe(true);

    await server.stop('kill');
    // 120 shared by two replicas: 60 here, from a fresh local bucket.
    expect(await served([limiter], 'ama', 100)).toBe(60);
    expect(health.status()).toMatchObject({ up: false, whileDown: 'local-fallback' });
    expect(health.status().failures).toBeGreaterThan(0);

    await server.start();
    await expect.poll(() => redis.status, { timeout: 10_000 }).toBe('ready');
    nowMs += 1;
    // Redis restarted empty (no persistence): a fresh shared bucket of 120.
    expect(await served([limiter], 'ama', 150)).toBe(120);
    expect(health.status().up).toBe(true);
  });
});
