import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisEventBus } from '../../lib/events/index.js';
import { createRedis, redisReady, type Redis } from '../../lib/redis/index.js';
import { createStoreHealth } from '../../lib/store-health/index.js';
import { startRedisServer, type RedisServer } from '../../scripts/servers/index.js';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import { createSharedReads, type SharedReads } from './shared-reads.js';
import { createRedisSharedReadsStore } from './shared-reads-redis-store.js';

let server: RedisServer;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await server?.stop('kill');
});

const answer = (cacheControl: string, body = '{"data":{"x":1}}'): RawSubgraphResponse => ({ status: 200, headers: { 'cache-control': cacheControl }, body: Buffer.from(body) });
const alice = JSON.stringify({ subject: 'alice-subject', role: 'citizen', niu: '100000000042', scopes: ['citizen'], clientId: 'portail-web' });
const bob = JSON.stringify({ subject: 'bob-subject', role: 'citizen', niu: '100000000043', scopes: ['citizen'], clientId: 'portail-web' });

let clock = 1_750_000_000_000;
let prefixes = 0;

/** A gateway replica's shared reads: its own connections, the test's clock, and a count of what it sent. */
async function replica(prefix: string, maxValueBytes = 100_000) {
  const redis: Redis = createRedis({ url: server.url, connectionName: 'replica' });
  await redisReady(redis);
  const health = createStoreHealth({ store: 'shared-reads', engine: 'redis', whileDown: 'cache-miss' });
  let commands = 0;
  const bus = createRedisEventBus({ publisher: redis, url: server.url, connectionName: 'replica-events' });
  const store = createRedisSharedReadsStore({ redis, maxValueBytes, callerIndexTtlMs: 300_000, health, keyPrefix: prefix, onCommand: () => (commands += 1) });
  const reads: SharedReads = createSharedReads({ dedupe: true, cacheMaxEntries: 100, cacheMaxBytes: 1_000_000, cacheMaxAgeSeconds: 300, acrossReplicas: { store, bus }, now: () => clock });
  await bus.whenSubscribed();
  cleanups.push(async () => {
    reads.close();
    await bus.close();
    redis.disconnect();
  });
  let sent = 0;
  const read = (callerKey: string, response: RawSubgraphResponse, body = '{"query":"{ catalogue }"}') =>
    reads.read({ subgraph: 'dossiers', callerKey, body }, async () => {
      sent += 1;
      return response;
    });
  return { reads, read, health, redis, sent: () => sent, commands: () => commands };
}

async function pair(maxValueBytes?: number) {
  const prefix = `reads-${++prefixes}:`;
  return { a: await replica(prefix, maxValueBytes), b: await replica(prefix, maxValueBytes), prefix };
}

describe('shared reads across two replicas on one Redis', () => {
  it('answers the second replica’s poll with the first one’s answer, without calling the subgraph, max-age lowered', async () => {
    const { a, b } = await pair();
    await a.read(alice, answer('max-age=300, public'));
    clock += 100_000;
    const polled = await b.read(bob, answer('max-age=300, public'));
    expect([a.sent(), b.sent()]).toEqual([1, 0]);
    expect(polled.body.toString()).toBe('{"data":{"x":1}}');
    expect(polled.headers['cache-control']).toBe('max-age=200, public');
    expect(b.reads.stats()).toMatchObject({ remoteHits: 1, sent: 0 });
    // Kept by the second replica too: its next poll costs no round trip.
    const before = b.commands();
    await b.read(bob, answer('max-age=300, public'));
    expect([b.sent(), b.commands() - before]).toEqual([0, 0]);
    // Past max-age, both go back to the subgraph.
    clock += 200_000;
    await b.read(bob, answer('max-age=300, public'));
    expect(b.sent()).toBe(1);
  });

  it('shares a PRIVATE answer with the same caller only, under keys that hold neither the principal nor the query', async () => {
    const { a, b, prefix } = await pair();
    await a.read(alice, answer('max-age=60, private', '{"data":{"mine":true}}'));
    expect((await b.read(alice, answer('max-age=60, private'))).body.toString()).toBe('{"data":{"mine":true}}');
    expect(b.sent()).toBe(0);
    await b.read(bob, answer('max-age=60, private', '{"data":{"mine":"bob"}}'));
    expect(b.sent()).toBe(1);
    const keys = await a.redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toMatch(/alice|bob|100000000042|catalogue/);
  });

  it('drops a caller’s private answers in Redis and on the other replica after their mutation, and no one else’s', async () => {
    const { a, b } = await pair();
    await a.read(alice, answer('max-age=60, private', '{"data":{"dossiers":1}}'));
    await a.read(bob, answer('max-age=60, private', '{"data":{"dossiers":7}}'));
    await a.read(alice, answer('max-age=60, public', '{"data":{"catalogue":1}}'), '{"query":"{ procedures }"}');
    // The other replica now holds them in its own cache.
    await b.read(alice, answer('max-age=60, private'));
    await b.read(bob, answer('max-age=60, private'));
    expect(b.sent()).toBe(0);

    await a.reads.dropCaller(alice);
    await expect.poll(async () => (await b.read(alice, answer('max-age=60, private', '{"data":{"dossiers":2}}'))).body.toString()).toBe('{"data":{"dossiers":2}}');
    expect(b.sent()).toBe(1);
    // The replica that dropped them gets the fresh answer the other one just kept; Bob's and the public answers stay.
    expect((await a.read(alice, answer('max-age=60, private', '{"data":{"dossiers":3}}'))).body.toString()).toBe('{"data":{"dossiers":2}}');
    await b.read(bob, answer('max-age=60, private'));
    await b.read(bob, answer('max-age=60, public'), '{"query":"{ procedures }"}');
    expect([a.sent(), b.sent()]).toEqual([3, 1]);
  });

  it('does not ask Redis again for a read whose last answer could not be kept', async () => {
    const { a } = await pair();
    const uncacheable: RawSubgraphResponse = { status: 200, headers: {}, body: Buffer.from('{"data":{"now":1}}') };
    await a.read(alice, uncacheable);
    const before = a.commands();
    await a.read(alice, uncacheable);
    expect([a.sent(), a.commands() - before]).toEqual([2, 0]);
    // Once cacheable again, it is kept and shared as usual.
    await a.read(alice, answer('max-age=60, public'));
    expect(a.commands() - before).toBe(1);
  });

  it('keeps an answer over the size cap out of Redis (each replica still keeps its own)', async () => {
    const { a, b } = await pair(200);
    await a.read(alice, answer('max-age=60, public', `{"data":{"x":"${'y'.repeat(300)}"}}`));
    await a.read(alice, answer('max-age=60, public'));
    await b.read(alice, answer('max-age=60, public'));
    expect([a.sent(), b.sent()]).toEqual([1, 1]);
  });

  it('reads as a miss while Redis is down — the answer still comes from the subgraph — and shares again once it is back', async () => {
    const { a, b } = await pair();
    await server.stop('kill');
    try {
      const response = await a.read(alice, answer('max-age=60, public', '{"data":{"down":true}}'));
      expect(response.body.toString()).toBe('{"data":{"down":true}}');
      expect(a.health.status()).toMatchObject({ up: false, whileDown: 'cache-miss' });
      expect(a.health.status().failures).toBeGreaterThan(0);
      await expect(a.reads.dropCaller(alice)).resolves.toBeUndefined();
    } finally {
      await server.start();
    }
    await expect.poll(() => a.redis.status, { timeout: 10_000 }).toBe('ready');
    await a.read(alice, answer('max-age=60, public'), '{"query":"{ after }"}');
    await b.read(alice, answer('max-age=60, public'), '{"query":"{ after }"}');
    expect([a.sent(), b.sent()]).toEqual([2, 0]);
    expect(a.health.status().up).toBe(true);
  });
});
