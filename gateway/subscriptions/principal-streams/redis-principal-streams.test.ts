import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, redisReady, type Redis } from '../../../lib/redis/index.js';
import { createStoreHealth, type StoreHealth } from '../../../lib/store-health/index.js';
import { startRedisServer, type RedisServer } from '../../../scripts/servers/index.js';
import { describePrincipalStreamsContract } from '../test-support/principal-streams-contract.js';
import type { PrincipalStreams } from './principal-streams.js';
import { createRedisPrincipalStreams } from './redis-principal-streams.js';

let server: RedisServer;
const connections: Redis[] = [];
const counters: PrincipalStreams[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(counters.map((c) => c.close()));
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

const healthOf = () => createStoreHealth({ store: 'subscriptions', engine: 'redis', whileDown: 'local-fallback' });

/** One replica's counter on its own connection; replicas of one test share `keyPrefix`. */
async function replica(name: string, keyPrefix: string, leaseMs = 30_000, health: StoreHealth = healthOf()): Promise<PrincipalStreams> {
  const counter = createRedisPrincipalStreams({ redis: await connect(name), leaseMs, keyPrefix, replicaId: name, health });
  counters.push(counter);
  return counter;
}

let prefixes = 0;
describePrincipalStreamsContract('Redis', () => replica(`contract-${++prefixes}`, `contract-${prefixes}:`));

describe('two gateway replicas on one Redis', () => {
  it('hold one cap between them: a principal gets `max` streams in total, not per replica', async () => {
    const replicas = [await replica('gw-1', 'shared:'), await replica('gw-2', 'shared:')];
    const granted = [];
    for (let i = 0; i < 6; i += 1) granted.push((await replicas[i % 2]!.claim('citizen', 3)) !== undefined);
    expect(granted).toEqual([true, true, true, false, false, false]);
  });

  it('free a place for the other replica when one closes a stream', async () => {
    const [one, two] = [await replica('gw-3', 'handover:'), await replica('gw-4', 'handover:')];
    const first = await one!.claim('citizen', 2);
    await one!.claim('citizen', 2);
    expect(await two!.claim('citizen', 2)).toBeUndefined();
    first!.release();
    // The release goes out on replica one's connection, the claim on replica two's: it lands a moment later.
    await expect.poll(async () => (await two!.claim('citizen', 2)) !== undefined).toBe(true);
    expect(await one!.claim('citizen', 2)).toBeUndefined();
  });

  it('never exceed the cap when both claim at the same time', async () => {
    const replicas = [await replica('gw-5', 'race:'), await replica('gw-6', 'race:')];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => replicas[i % 2]!.claim('citizen', 4)));
    expect(results.filter((r) => r !== undefined)).toHaveLength(4);
  });

  it('keep one sorted set per principal, one member per stream scored by its lease end, expiring with it', async () => {
    const redis = await connect('inspector');
    const counter = await replica('gw-7', 'layout:', 5_000);
    const claim = await counter.claim('["sub-1","app-mobile"]', 8);
    const key = 'layout:["sub-1","app-mobile"]';
    expect(await redis.zrange(key, 0, -1)).toEqual(['gw-7:1']);
    const [seconds, micros] = await redis.time();
    const score = Number(await redis.zscore(key, 'gw-7:1'));
    const redisNowMs = Number(seconds) * 1_000 + Math.floor(Number(micros) / 1_000);
    expect(score).toBeGreaterThan(redisNowMs);
    expect(score).toBeLessThanOrEqual(redisNowMs + 5_000);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    expect(await redis.pttl(key)).toBeLessThanOrEqual(5_000);
    claim!.release();
    await counter.close();
    expect(await redis.exists(key)).toBe(0);
  });

  it('stop counting a crashed replica’s streams within a lease, while a live replica’s keep counting', async () => {
    const leaseMs = 900;
    const crashed = await replica('gw-crash', 'lease:', leaseMs);
    const alive = await replica('gw-alive', 'lease:', leaseMs);
    const other = await replica('gw-other', 'lease:', leaseMs);
    expect(await crashed.claim('crashed-citizen', 2)).toBeDefined();
    expect(await crashed.claim('crashed-citizen', 2)).toBeDefined();
    expect(await alive.claim('live-citizen', 1)).toBeDefined();
    // A crash: no release, no renewal (closing stops the renewal timer and leaves the claims open).
    await crashed.close();
    expect(await other.claim('crashed-citizen', 2)).toBeUndefined();
    await expect.poll(async () => (await other.claim('crashed-citizen', 2)) !== undefined, { timeout: 10_000, interval: 100 }).toBe(true);
    // Several leases later, the live replica's renewals still hold its stream.
    await sleep(leaseMs * 3);
    expect(await other.claim('live-citizen', 1)).toBeUndefined();
  });
});

describe('while Redis is down', () => {
  let own: RedisServer;
  beforeAll(async () => {
    own = await startRedisServer();
  });
  afterAll(async () => {
    await own?.stop('kill');
  });

  it('each replica counts its own streams (fail-open to the per-process cap), says so in its health, and writes them back when Redis returns', async () => {
    const leaseMs = 600;
    const make = async (name: string) => {
      const redis = createRedis({ url: own.url, connectionName: name });
      connections.push(redis);
      await redisReady(redis);
      const health = healthOf();
      const counter = createRedisPrincipalStreams({ redis, leaseMs, keyPrefix: 'down:', replicaId: name, health });
      counters.push(counter);
      return { counter, health, redis };
    };
    const one = await make('down-1');
    const two = await make('down-2');
    expect(await one.counter.claim('citizen', 2)).toBeDefined();
    await own.stop('kill');
    await expect.poll(() => one.redis.status !== 'ready' && two.redis.status !== 'ready').toBe(true);
    // Replica one holds one stream already: one more here; replica two has none: two there. Nobody refused for want
    // of a counter, and no replica past the cap on its own.
    const during = [
      await one.counter.claim('citizen', 2),
      await one.counter.claim('citizen', 2),
      await two.counter.claim('citizen', 2),
      await two.counter.claim('citizen', 2),
      await two.counter.claim('citizen', 2),
    ];
    expect(during.map((c) => c !== undefined)).toEqual([true, false, true, true, false]);
    expect(one.health.status()).toMatchObject({ up: false, whileDown: 'local-fallback' });
    // Redis back, empty: the renewals write every open stream back (4 of a cap of 2), so new ones are refused on
    // both replicas until enough close.
    await own.start();
    await expect.poll(async () => (one.redis.status === 'ready' ? await one.redis.zcard('down:citizen') : -1), { timeout: 10_000, interval: 100 }).toBe(4);
    expect(await one.counter.claim('citizen', 2)).toBeUndefined();
    expect(await two.counter.claim('citizen', 2)).toBeUndefined();
    expect(one.health.status().up).toBe(true);
    for (const claim of during) claim?.release();
    await expect.poll(async () => one.redis.zcard('down:citizen')).toBe(1);
    expect(await two.counter.claim('citizen', 2)).toBeDefined();
  });
});
