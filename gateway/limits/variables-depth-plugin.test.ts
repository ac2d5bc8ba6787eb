import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, post } from './test-support/graphql-request.js';
import { startPluginTestServer, type PluginTestServer } from './test-support/start-plugin-test-server.js';
import { createVariablesDepthPlugins } from './variables-depth-plugin.js';

const schema = buildSchema(`
  type Query { echo(in: In): String @cacheControl(maxAge: 60) }
  input In { name: String tags: [String!] }
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`);
const rootValue = { echo: ({ in: input }: { in?: { name?: string } }) => input?.name ?? 'rien' };

/** JSON text of `levels` nested objects around 1 (JSON.stringify would overflow on the deep ones). */
const nestedText = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

let server: PluginTestServer;
let unprotected: PluginTestServer;
beforeAll(async () => {
  // The gateway's order: this plugin first, the response cache (a recursive walker of the variables) after it.
  const cache = () => responseCachePlugin({ cache: new InMemoryLRUCache(), sessionId: () => Promise.resolve(null) });
  server = await startPluginTestServer({ schema, rootValue, plugins: [...createVariablesDepthPlugins({ maxVariablesDepth: 8 }), cache()] });
  unprotected = await startPluginTestServer({ schema, rootValue, plugins: [cache()] });
});
afterAll(async () => {
  await server?.close();
  await unprotected?.close();
});

const query = 'query Echo($in: In) { echo(in: $in) }';
const rawPost = async (url: string, body: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
};

describe('variables depth plugin', () => {
  it('control: without it, 5,000 levels overflow the response cache’s key (HTTP 500)', async () => {
    const { status } = await rawPost(unprotected.url, `{"query":${JSON.stringify(query)},"variables":{"x":${nestedText(5_000)}}}`);
    expect(status).toBe(500);
  });

  it.each([9, 100, 5_000, 50_000])('refuses variables %i levels deep with 400 BAD_REQUEST naming the limit, before the cache walks them', async (levels) => {
    const { status, body } = await rawPost(server.url, `{"query":${JSON.stringify(query)},"variables":{"x":${nestedText(levels - 1)}}}`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: 'Malformed request: variables nested too deeply (at most 8 levels).', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('refuses deep extensions, and deep variables over GET', async () => {
    expect((await rawPost(server.url, `{"query":${JSON.stringify(query)},"extensions":{"x":${nestedText(8)}}}`)).status).toBe(400);
    const overGet = await get(server.url, { query, variables: `{"x":${nestedText(8)}}` }, { 'apollo-require-preflight': 'true' });
    expect(overGet.status).toBe(400);
    expect(overGet.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
  });

  it('lets through variables up to the limit, and answers normally', async () => {
    const { status, body } = await post(server.url, { query, variables: { in: { name: 'Afi', tags: ['a'] }, x: JSON.parse(nestedText(6)) as unknown } });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { echo: 'Afi' } });
    expect((await post(server.url, { query })).body).toEqual({ data: { echo: 'rien' } });
  });
});
