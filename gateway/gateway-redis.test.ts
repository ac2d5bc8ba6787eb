import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../lib/service/index.js';
import type { StoreStatus } from '../lib/store-health/index.js';
import { startRedisServer, type RedisServer } from '../scripts/servers/index.js';
import { postQuery } from './test-support/graphql-client.js';
import { startTestGateway } from './test-support/start-test-stack.js';
import { startTestSubgraph, type TestSubgraph } from './test-support/start-test-subgraph.js';
import { civilRegistry, electricity } from './test-support/test-subgraphs.js';
import { writeTestSupergraph } from './test-support/write-test-supergraph.js';

// Two gateway replicas (separate gateways, one Redis): what REDIS_URL changes, end to end.
let redis: RedisServer;
let subgraphs: TestSubgraph[] = [];
let gateways: RunningService[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
  subgraphs = [await startTestSubgraph(civilRegistry), await startTestSubgraph(electricity)];
  const supergraphPath = writeTestSupergraph([subgraphs[0]!, subgraphs[1]!]);
  const env = { REDIS_URL: redis.url, RATE_LIMIT_ANONYMOUS_PER_MINUTE: '4', RATE_LIMIT_FALLBACK_REPLICAS: '2', WORKERS: '1' };
  gateways = [await startTestGateway(supergraphPath, env), await startTestGateway(supergraphPath, env)];
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await Promise.all(subgraphs.map((subgraph) => subgraph.close()));
  await redis?.stop('kill');
});

const readyOf = async (gateway: RunningService) => {
  const response = await fetch(`${gateway.url}/ready`);
  const body = (await response.json()) as { status: string; stores: StoreStatus[] };
  if (body.stores === undefined) throw new Error(JSON.stringify(body));
  return { http: response.status, status: body.status, stores: Object.fromEntries(body.stores.map((store) => [store.store, { engine: store.engine, up: store.up }])) };
};

describe('two gateways with REDIS_URL', () => {
  it('enforce one rate limit between them', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await postQuery(gateways[i % 2]!.url, '{ __typename }')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('show every Redis store on /ready and count their round trips on /metrics', async () => {
    const up = { engine: 'redis', up: true };
    expect(await readyOf(gateways[0]!)).toEqual({ http: 200, status: 'ready', stores: { 'rate-limit': up, 'response-cache': up, events: up, 'shared-reads': up } });
    const metrics = await (await fetch(`${gateways[0]!.url}/metrics`)).text();
    expect(metrics).toMatch(/guichet_redis_commands_total\{store="rate-limit"\} [1-9]/);
    expect(metrics).toContain('guichet_store_up{store="rate-limit",engine="redis"} 1');
  });

  it('stay ready but degraded while Redis is down, limiting each with its share, and recover by themselves', async () => {
    await redis.stop('kill');
    try {
      await expect.poll(async () => (await readyOf(gateways[0]!)).stores['rate-limit']?.up).toBe(false);
      // 4 per minute over two replicas: 2 here, counted locally; the request itself is served.
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await postQuery(gateways[0]!.url, '{ __typename }')).status);
      expect(statuses).toEqual([200, 200, 429]);
      const ready = await readyOf(gateways[0]!);
      expect([ready.http, ready.status]).toEqual([200, 'degraded']);
      const metrics = await (await fetch(`${gateways[0]!.url}/metrics`)).text();
      expect(metrics).toContain('guichet_store_up{store="rate-limit",engine="redis"} 0');
    } finally {
      await redis.start();
    }
    await expect.poll(async () => (await readyOf(gateways[0]!)).status, { timeout: 10_000 }).toBe('ready');
    // Redis restarted empty: a fresh shared bucket of 4 across both.
    expect((await postQuery(gateways[1]!.url, '{ __typename }')).status).toBe(200);
  });

  it('cost a known number of Redis round trips per request (after the restart: a fresh bucket)', async () => {
    const counts = async () => {
      const text = await (await fetch(`${gateways[1]!.url}/metrics`)).text();
      return new Map([...text.matchAll(/^guichet_redis_commands_total\{store="([^"]+)"\} (\d+)$/gm)].map((m): [string, number] => [m[1] ?? '', Number(m[2])]));
    };
    const before = await counts();
    await postQuery(gateways[1]!.url, '{ __typename }');
    const after = await counts();
    const spent = Object.fromEntries([...after].map(([store, n]) => [store, n - (before.get(store) ?? 0)]).filter(([, n]) => n !== 0));
    // One EVALSHA for the caller's bucket, one GET of the response cache (nothing cacheable to SET, no subgraph read).
    expect(spent).toEqual({ 'rate-limit': 1, 'response-cache': 1 });
  });
});
