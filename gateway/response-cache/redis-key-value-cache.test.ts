import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, redisReady, type Redis } from '../../lib/redis/index.js';
import { createStoreHealth } from '../../lib/store-health/index.js';
import { startRedisServer, type RedisServer } from '../../scripts/servers/index.js';
import { createResponseCachePlugins } from './create-response-cache-plugins.js';
import { createRedisKeyValueCache } from './redis-key-value-cache.js';

let server: RedisServer;
const connections: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await server?.stop('kill');
});

async function cache(keyPrefix: string, maxValueBytes = 1_000) {
  const redis = createRedis({ url: server.url, connectionName: 'response-cache' });
  connections.push(redis);
  await redisReady(redis);
  const health = createStoreHealth({ store: 'response-cache', engine: 'redis', whileDown: 'cache-miss' });
  let commands = 0;
  return { redis, health, commands: () => commands, cache: createRedisKeyValueCache({ redis, maxValueBytes, defaultTtlSeconds: 30, health, keyPrefix, onCommand: () => (commands += 1) }) };
}

describe('Redis KeyValueCache', () => {
  it('keeps a value for its TTL, deletes it on demand, and refuses one over the size cap', async () => {
    const { cache: kv, redis, commands } = await cache('kv:', 10);
    await kv.set('a', 'short', { ttl: 5 });
    expect(await kv.get('a')).toBe('short');
    const ttl = await redis.pttl('kv:a');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
    await kv.set('default', 'x');
    expect(await redis.pttl('kv:default')).toBeGreaterThan(5_000);
    await kv.set('big', 'more than ten bytes', { ttl: 5 });
    expect(await kv.get('big')).toBeUndefined();
    expect(await kv.delete('a')).toBe(true);
    expect(await kv.get('a')).toBeUndefined();
    // set, get, set, get, get (the refused set costs nothing), delete, get.
    expect(commands()).toBe(6);
  });

  it('reads as a miss and writes nothing while Redis is down, says so, and works again once it is back', async () => {
    const { cache: kv, health, redis } = await cache('down:');
    await kv.set('k', 'v', { ttl: 60 });
    await server.stop('kill');
    try {
      expect(await kv.get('k')).toBeUndefined();
      await expect(kv.set('k2', 'v', { ttl: 60 })).resolves.toBeUndefined();
      expect(await kv.delete('k')).toBe(false);
      expect(health.status()).toMatchObject({ up: false, whileDown: 'cache-miss', failures: 3 });
    } finally {
      await server.start();
    }
    await expect.poll(() => redis.status, { timeout: 10_000 }).toBe('ready');
    await kv.set('k', 'back', { ttl: 60 });
    expect(await kv.get('k')).toBe('back');
    expect(health.status().up).toBe(true);
  });
});

describe('the response cache of two replicas on one Redis', () => {
  const typeDefs = `
    enum CacheControlScope { PUBLIC PRIVATE }
    directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
    type Query { catalogue: String @cacheControl(maxAge: 60, scope: PUBLIC) mine: String @cacheControl(maxAge: 60, scope: PRIVATE) }
  `;
  async function replica(prefix: string) {
    const calls = { catalogue: 0, mine: 0 };
    const { cache: sharedCache } = await cache(prefix, 100_000);
    const apollo = new ApolloServer({
      typeDefs,
      resolvers: { Query: { catalogue: () => `catalogue ${++calls.catalogue}`, mine: () => `mine ${++calls.mine}` } },
      plugins: createResponseCachePlugins({ maxBytes: 1_000_000, sharedCache }),
    });
    await apollo.start();
    return { apollo, calls };
  }
  const data = async (apollo: ApolloServer, query: string) => {
    const { body } = await apollo.executeOperation({ query });
    if (body.kind !== 'single') throw new Error('expected a single result');
    return body.singleResult.data;
  };

  it('serves a PUBLIC response cached by one replica from the other, and never a PRIVATE one', async () => {
    const a = await replica('responses-1:');
    const b = await replica('responses-1:');
    try {
      expect(await data(a.apollo, '{ catalogue }')).toEqual({ catalogue: 'catalogue 1' });
      expect(await data(b.apollo, '{ catalogue }')).toEqual({ catalogue: 'catalogue 1' });
      expect([a.calls.catalogue, b.calls.catalogue]).toEqual([1, 0]);
      expect(await data(a.apollo, '{ mine }')).toEqual({ mine: 'mine 1' });
      expect(await data(b.apollo, '{ mine }')).toEqual({ mine: 'mine 1' });
      expect([a.calls.mine, b.calls.mine]).toEqual([1, 1]);
    } finally {
      await a.apollo.stop();
      await b.apollo.stop();
    }
  });
});
