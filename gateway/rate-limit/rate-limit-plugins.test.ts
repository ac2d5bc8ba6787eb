import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.js';
import { post, get } from '../limits/test-support/graphql-request.js';
import { startPluginTestServer, testPrincipalHeader, type PluginTestServer } from '../limits/test-support/start-plugin-test-server.js';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.js';
import { createRateLimitPlugins } from './rate-limit-plugin.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { createRateLimiter } from './rate-limiter.js';

const schema = buildSchema('type Query { hello: String }');
const rootValue = { hello: 'bonjour' };
const as = (subject: string, clientId = 'portail-web'): Record<string, string> => {
  const principal: Principal = { subject, role: 'citizen', niu: '000000000001', scopes: ['citizen'], clientId };
  return { [testPrincipalHeader]: JSON.stringify(principal) };
};

let nowMs = 0;
let server: PluginTestServer;
let failing: PluginTestServer;
const storeErrors: unknown[] = [];
beforeAll(async () => {
  const limits = { userPerMinute: 2, clientPerMinute: 4, anonymousPerMinute: 1 };
  const limiter = createRateLimiter({ store: createMemoryRateLimitStore({ maxKeys: 1_000 }), limits, now: () => nowMs });
  server = await startPluginTestServer({ schema, rootValue, nodeEnv: 'production', plugins: createRateLimitPlugins({ limiter }) });
  const broken: RateLimitStore = { hit: () => Promise.reject(new Error('redis down')) };
  failing = await startPluginTestServer({ schema, rootValue, plugins: createRateLimitPlugins({ limiter: createRateLimiter({ store: broken, limits }), onStoreError: (e) => storeErrors.push(e) }) });
});
afterAll(async () => {
  await server?.close();
  await failing?.close();
});

const hello = (headers: Record<string, string>) => post(server.url, { query: '{ hello }' }, headers);

describe('rate limiting over HTTP', () => {
  it('answers 429 with Retry-After and RATE_LIMITED + retryAfterMs once a user is over the limit (through production masking)', async () => {
    expect((await hello(as('afi'))).status).toBe(200);
    expect((await hello(as('afi'))).status).toBe(200);
    const limited = await hello(as('afi'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.headers.get('cache-control')).toBe('no-store');
    expect(limited.body).toEqual({ errors: [{ message: 'Trop de requêtes. Réessayez dans quelques instants.', extensions: { code: 'RATE_LIMITED', retryAfterMs: 30_000 } }] });
    // The refusal names the bucket that refused, after those that let it through (draft-ietf-httpapi-ratelimit-headers-10).
    expect(limited.headers.get('ratelimit-policy')).toBe('"user";q=2;w=60');
    expect(limited.headers.get('ratelimit')).toBe('"user";r=0;t=60');
  });

  it('tells every counted answer where the caller stands: RateLimit-Policy and RateLimit per bucket', async () => {
    const first = await hello(as('rate-headers', 'client-headers'));
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"user";q=2;w=60, "client";q=4;w=60');
    // One request of two (user) and of four (client): each bucket full again one interval later (30 s, 15 s).
    expect(first.headers.get('ratelimit')).toBe('"user";r=1;t=30, "client";r=3;t=15');
    const second = await hello(as('rate-headers', 'client-headers'));
    expect(second.headers.get('ratelimit')).toBe('"user";r=0;t=60, "client";r=2;t=30');
  });

  it('keeps users independent, and limits their client as a whole', async () => {
    expect((await hello(as('kodjo'))).status).toBe(200);
    // portail-web has served afi twice and kodjo once: one left for the whole client.
    expect((await hello(as('ama'))).status).toBe(200);
    const client = await hello(as('yao'));
    expect([client.status, client.body.errors?.[0]?.extensions?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await hello(as('yao', 'app-mobile'))).status).toBe(200);
  });

  it('limits anonymous callers by IP, over GET too', async () => {
    expect((await get(server.url, { query: '{ hello }' }, { 'apollo-require-preflight': 'true' })).status).toBe(200);
    const limited = await get(server.url, { query: '{ hello }' }, { 'apollo-require-preflight': 'true' });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '60']);
  });

  it('lets requests through again once the clock has moved on', async () => {
    nowMs += 60_000;
    expect((await hello(as('afi'))).status).toBe(200);
    expect((await hello({})).status).toBe(200);
  });

  it('fails open when the store fails, and says so', async () => {
    const { status, body } = await post(failing.url, { query: '{ hello }' });
    expect([status, body]).toEqual([200, { data: { hello: 'bonjour' } }]);
    expect(storeErrors).toHaveLength(1);
  });
});
