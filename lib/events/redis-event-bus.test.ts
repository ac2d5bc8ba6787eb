import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../scripts/servers/index.js';
import { createRedis, redisReady } from '../redis/index.js';
import { createStoreHealth } from '../store-health/index.js';
import { createRedisEventBus } from './create-redis-event-bus.js';
import { describeEventBusContract } from './test-support/event-bus-contract.js';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop('kill');
});

/** One gateway replica's bus: its own command connection and its own subscriber. */
async function node(name: string, health = createStoreHealth({ store: 'events', engine: 'redis', whileDown: 'messages-lost' })) {
  const publisher = createRedis({ url: server.url, connectionName: `${name}-commands` });
  await redisReady(publisher);
  const bus = createRedisEventBus({ publisher, url: server.url, connectionName: `${name}-events`, health });
  return {
    bus,
    health,
    close: async () => {
      await bus.close();
      publisher.disconnect();
    },
  };
}

describeEventBusContract('Redis bus', async () => {
  const [a, b] = await Promise.all([node('a'), node('b')]);
  return { a: a.bus, b: b.bus, close: async () => void (await Promise.all([a.close(), b.close()])) };
});

describe('Redis bus across a Redis restart', () => {
  it('fails to publish while Redis is down (health says so), then subscribes again by itself and reports the gap', async () => {
    const a = await node('restart-a');
    const b = await node('restart-b');
    try {
      const received: string[] = [];
      let gaps = 0;
      b.bus.subscribe('cache', (message) => void received.push(message), { onGap: () => (gaps += 1) });
      await b.bus.whenSubscribed();
      await a.bus.publish('cache', 'before');
      await expect.poll(() => received).toEqual(['before']);

      await server.stop('kill');
      await expect(a.bus.publish('cache', 'lost')).rejects.toThrow();
      expect(a.health.status()).toMatchObject({ up: false, failures: 1 });
      await server.start();

      // Both connections come back on their own; the subscriber's handlers hear of the gap.
      await expect.poll(() => gaps, { timeout: 10_000 }).toBe(1);
      await b.bus.whenSubscribed();
      await expect
        .poll(
          () =>
            a.bus.publish('cache', 'after').then(
              () => 'sent',
              () => 'refused',
            ),
          { timeout: 10_000 },
        )
        .toBe('sent');
      await expect.poll(() => received.at(-1)).toBe('after');
      expect(received).not.toContain('lost');
      expect(a.health.status().up).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
