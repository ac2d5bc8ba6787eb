import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, createRequestListener, listen } from '../http/index.js';
import { createGraphQLHandler } from './graphql-handler.js';
import { operationResolutionPlugin } from './operation-resolution-plugin.js';

/** The handler to the letter of GraphQL over HTTP, over a tiny schema: a generated matrix of requests. */
const typeDefs = 'type Query { hello(name: String): String, count: Int! } type Mutation { bump: Int! }';
let bumps = 0;
const resolvers = { Query: { hello: (_: unknown, { name }: { name?: string }) => `bonjour ${name ?? 'monde'}`, count: () => bumps }, Mutation: { bump: () => ++bumps } };

let url: string;
let httpServer: ReturnType<typeof createServer>;
let apollo: ApolloServer;
beforeAll(async () => {
  apollo = new ApolloServer({ typeDefs, resolvers, csrfPrevention: true, plugins: [ApolloServerPluginLandingPageDisabled(), operationResolutionPlugin()] });
  await apollo.start();
  httpServer = createServer(createRequestListener({ '/graphql': createGraphQLHandler({ server: apollo, context: async () => ({}) }) }));
  url = `${await listen(httpServer, '127.0.0.1', 0)}/graphql`;
});
afterAll(async () => {
  await closeServer(httpServer);
  await apollo.stop();
});

type Kind = 'valid' | 'with variables' | 'parse error' | 'validation error' | 'variables error' | 'operation not determined' | 'unknown operation name' | 'mutation';
const documents: Record<Kind, { query: string; variables?: Record<string, unknown>; operationName?: string }> = {
  valid: { query: '{ hello }' },
  'with variables': { query: 'query Q($n: String) { hello(name: $n) }', variables: { n: 'Ama' } },
  'parse error': { query: '{ hello' },
  'validation error': { query: '{ nope }' },
  'variables error': { query: 'query Q($n: String) { hello(name: $n) }', variables: { n: 42 } },
  'operation not determined': { query: 'query A { hello } query B { hello }' },
  'unknown operation name': { query: 'query A { hello }', operationName: 'B' },
  mutation: { query: 'mutation { bump }' },
};
const kinds = Object.keys(documents) as Kind[];

const gqlResponse = 'application/graphql-response+json; charset=utf-8';
const json = 'application/json; charset=utf-8';
/** Accept header → the media type of the answer (undefined: 406). */
const accepts: readonly (readonly [string | undefined, string | undefined])[] = [
  [undefined, gqlResponse],
  ['*/*', gqlResponse],
  ['application/*', gqlResponse],
  ['application/graphql-response+json', gqlResponse],
  ['application/graphql-response+json, application/json;q=0.9', gqlResponse],
  ['application/json', json],
  ['application/json; charset=utf-8', json],
  ['application/json, application/graphql-response+json;q=0.5', json],
  ['text/html', undefined],
  ['application/xml, text/plain;q=0.5', undefined],
  ['application/graphql-response+json;q=0, application/json;q=0', undefined],
];
const postTypes: readonly (readonly [string | undefined, 'json' | 'csrf' | 415])[] = [
  ['application/json', 'json'],
  ['application/json; charset=utf-8', 'json'],
  ['application/json;charset=UTF-8', 'json'],
  ['application/json; charset=iso-8859-1', 415],
  ['application/graphql', 415],
  ['application/x-yaml', 415],
  ['text/plain', 'csrf'],
  ['application/x-www-form-urlencoded', 'csrf'],
  [undefined, 'csrf'],
];

interface Expected {
  readonly status: number;
  readonly contentType: string;
  readonly shape: 'data' | 'errors';
  readonly allow?: string;
}

/** What GraphQL over HTTP (draft, after the 2025 watershed) asks for a request, derived rule by rule. */
function expected(method: string, accept: string | undefined, kind: Kind, postType: 'json' | 'csrf' | 415 = 'json'): Expected {
  const type = accepts.find(([a]) => a === accept)?.[1];
  const refusalType = type ?? json;
  if (method === 'POST' && postType === 415) return { status: 415, contentType: refusalType, shape: 'errors' };
  if (type === undefined) return { status: 406, contentType: json, shape: 'errors' };
  if (method === 'POST' && postType === 'csrf') return { status: 400, contentType: type, shape: 'errors' };
  if (method !== 'GET' && method !== 'POST') return { status: 405, contentType: type, shape: 'errors', allow: 'GET, POST' };
  if (kind === 'valid' || kind === 'with variables') return { status: 200, contentType: type, shape: 'data' };
  if (kind === 'mutation') return method === 'GET' ? { status: 405, contentType: type, shape: 'errors', allow: 'POST' } : { status: 200, contentType: type, shape: 'data' };
  // Request errors of a well-formed request: 400 with graphql-response+json, 200 for a legacy application/json client.
  return { status: type === json ? 200 : 400, contentType: type, shape: 'errors' };
}

/** `contentType` undefined: none at all (fetch would add text/plain to a string body; a Uint8Array gets none). */
async function send(method: string, accept: string | undefined, kind: Kind, contentType?: string) {
  const { query, variables, operationName } = documents[kind];
  const headers: Record<string, string> = {};
  if (accept !== undefined) headers.accept = accept;
  if (method === 'GET') {
    const search = new URLSearchParams({ query });
    if (variables) search.set('variables', JSON.stringify(variables));
    if (operationName) search.set('operationName', operationName);
    return fetch(`${url}?${search}`, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
  }
  if (contentType !== undefined) headers['content-type'] = contentType;
  return fetch(url, { method, headers, body: method === 'POST' ? new TextEncoder().encode(JSON.stringify({ query, variables, operationName })) : undefined });
}

async function expectAnswer(response: Response, want: Expected): Promise<void> {
  const text = await response.text();
  expect({ status: response.status, contentType: response.headers.get('content-type'), allow: response.headers.get('allow') ?? undefined }).toEqual({
    status: want.status,
    contentType: want.contentType,
    allow: want.allow,
  });
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (want.shape === 'data') {
    expect(body.data).not.toBeNull();
    expect(body.errors).toBeUndefined();
  } else {
    // A request error: errors and no data entry at all (GraphQL over HTTP, graphql-response+json §).
    expect(body.errors?.length).toBeGreaterThan(0);
    expect('data' in body).toBe(false);
  }
}

const accepted = accepts.map(([a]) => a);
describe('GraphQL over HTTP: GET × Accept × document', () => {
  it.each(accepted.flatMap((accept) => kinds.map((kind) => [accept ?? '(none)', kind, accept] as const)))('GET, Accept %s, %s', async (_label, kind, accept) => {
    await expectAnswer(await send('GET', accept, kind), expected('GET', accept, kind));
  });
});

describe('GraphQL over HTTP: POST × Content-Type × Accept × document', () => {
  const cases = postTypes.flatMap(([contentType, postType]) =>
    accepted.flatMap((accept) => kinds.map((kind) => [contentType ?? '(none)', accept ?? '(none)', kind, contentType, accept, postType] as const)),
  );
  it.each(cases)('POST %s, Accept %s, %s', async (_ct, _a, kind, contentType, accept, postType) => {
    const before = bumps;
    const want = expected('POST', accept, kind, postType);
    await expectAnswer(await send('POST', accept, kind, contentType), want);
    // A refused mutation never ran; an accepted one ran once.
    if (kind === 'mutation') expect(bumps - before).toBe(want.status === 200 ? 1 : 0);
  });
});

describe('GraphQL over HTTP: other methods', () => {
  it.each(['PUT', 'DELETE', 'PATCH'].flatMap((method) => accepted.map((accept) => [method, accept ?? '(none)', accept] as const)))('%s, Accept %s', async (method, _label, accept) => {
    await expectAnswer(await send(method, accept, 'valid', 'application/json'), expected(method, accept, 'valid'));
  });
});

describe('GraphQL over HTTP: details', () => {
  it('takes GET variables and extensions as JSON in the query string, and refuses them when they are not JSON objects', async () => {
    const search = new URLSearchParams({ query: 'query Q($n: String) { hello(name: $n) }', variables: '{"n":"Kofi"}', extensions: '{"trace":true}' });
    const ok = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await ok.json()).toEqual({ data: { hello: 'bonjour Kofi' } });
    for (const bad of [{ variables: '{"n":' }, { variables: '[1]' }, { extensions: 'x' }] as Record<string, string>[]) {
      const response = await fetch(`${url}?${new URLSearchParams({ query: '{ hello }', ...bad })}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(response.status).toBe(400);
    }
  });

  it('answers a malformed JSON body 400 in the negotiated type, without a data entry', async () => {
    for (const [accept, type] of [
      ['application/json', json],
      ['application/graphql-response+json', gqlResponse],
    ] as const) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: '{ "not a JSON' });
      expect([response.status, response.headers.get('content-type')]).toEqual([400, type]);
      expect('data' in ((await response.json()) as object)).toBe(false);
    }
  });

  it('refuses an unacceptable Accept with 406 before running anything: a mutation is not executed', async () => {
    const before = bumps;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/html' }, body: JSON.stringify({ query: 'mutation { bump }' }) });
    expect(response.status).toBe(406);
    expect(bumps).toBe(before);
  });

  it('says which request type it takes when it refuses one (415, Accept-Post)', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: '{ hello }' });
    expect([response.status, response.headers.get('accept-post')]).toEqual([415, 'application/json']);
  });

  it('keeps Apollo’s CSRF refusal for simple requests, before any 415: a GET without a preflight header, a text/plain POST', async () => {
    expect((await fetch(`${url}?query=${encodeURIComponent('{ hello }')}`)).status).toBe(400);
    const textPlain = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ hello }' }) });
    expect(textPlain.status).toBe(400);
    expect(await textPlain.text()).toMatch(/CSRF/);
    // With a preflight header the same text/plain POST is no forgery, just an unsupported type.
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' }, body: '{}' })).status).toBe(415);
  });
});
