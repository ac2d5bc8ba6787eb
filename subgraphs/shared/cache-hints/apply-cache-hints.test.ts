import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createAccessRecorder, type AccessRecorder } from '../../../audit/index.js';
import { applyCacheHints } from './apply-cache-hints.js';
import { feedProofPlugin } from './feed-proof-plugin.js';

const maxAges = { publicMaxAgeS: 300, identityMaxAgeS: 60, feedMaxAgeS: 120 };
const schema = () =>
  buildSubgraphSchema({
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { things: [Thing!]! }
      type Thing @key(fields: "id") { id: ID! }
    `),
    resolvers: { Query: { things: () => [{ id: '1' }] }, Thing: { __resolveReference: (ref: { id: string }) => ref } },
  });

describe('applyCacheHints', () => {
  it('refuses a hint for a field or an entity the schema does not have', () => {
    expect(() => applyCacheHints(schema(), { fields: { 'Query.thngs': 'public' } }, maxAges)).toThrow(/unknown field Query\.thngs/);
    expect(() => applyCacheHints(schema(), { entities: { Thng: 'public' } }, maxAges)).toThrow(/unknown entity Thng/);
  });

  it('leaves resolvers working where Apollo’s cache control is absent (plain graphql-js)', async () => {
    const hinted = applyCacheHints(schema(), { fields: { 'Query.things': 'public' }, entities: { Thing: 'public' } }, maxAges);
    expect(await graphql({ schema: hinted, source: '{ things { id } }' })).toEqual({ data: { things: [{ id: '1' }] } });
    const entities = await graphql({ schema: hinted, source: '{ _entities(representations: [{ __typename: "Thing", id: "2" }]) { ... on Thing { id } } }' });
    expect(entities).toEqual({ data: { _entities: [{ id: '2' }] } });
  });
});

describe('cache class feed, through Apollo Server', () => {
  const feedSchema = () =>
    buildSubgraphSchema({
      typeDefs: parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Query { ok: Boolean summaryOf(niu: ID!): Summary }
        type Summary { count: Int! }
        type Citizen @key(fields: "niu") { niu: ID! requests: [Request!] listed: [Request!] }
        type Request @key(fields: "reference") { reference: ID! stale: Boolean! asOf: String }
      `),
      resolvers: {
        Query: { summaryOf: () => ({ count: 2 }) },
        Citizen: {
          __resolveReference: (ref: { niu: string }) => ref,
          requests: (citizen: { niu: string }) => [{ reference: `R-${citizen.niu}`, stale: citizen.niu.endsWith('9') }],
          listed: (citizen: { niu: string }) => [{ reference: `R-${citizen.niu}~box`, stale: false }],
        },
        // `R-1@<instant>`: served from a kept record on the feed's proof at that instant (as withFeedFreshness does).
        Request: {
          __resolveReference: async (ref: { reference: string }) => {
            const [reference = '', asOf = null] = ref.reference.split('@');
            return { reference, stale: reference.endsWith('9'), asOf };
          },
        },
      },
    });
  const serve = async () => {
    const server = new ApolloServer<{ access: AccessRecorder }>({
      schema: applyCacheHints(
        feedSchema(),
        {
          fields: { 'Citizen.requests': 'feed', 'Citizen.listed': 'listing', 'Query.summaryOf': 'derived' },
          entities: { Citizen: 'feed', Request: 'feed' },
          requestBound: (r) => String(Reflect.get(r, 'reference')).includes('~'),
        },
        maxAges,
      ),
      plugins: [ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true }), feedProofPlugin()],
    });
    await server.start();
    return server;
  };
  const headersOf = async (server: ApolloServer<{ access: AccessRecorder }>, query: string, reported: string[] = []) => {
    const access = createAccessRecorder();
    for (const niu of reported) access.record({ niu, system: 'ceet', action: 'read' });
    const response = await server.executeOperation({ query }, { contextValue: { access } });
    const { headers } = response.http;
    return {
      cacheControl: headers.get('cache-control'),
      proof: headers.get('guichet-cache-proof'),
      owners: headers.get('guichet-cache-owners'),
      bound: headers.get('guichet-cache-bound'),
      provenAt: headers.get('guichet-cache-proven-at'),
    };
  };

  type Expected = { cacheControl: string; proof: string | undefined; owners: string | undefined; bound?: string | undefined; provenAt?: string | undefined };
  it.each<[string, string, string[], Expected]>([
    [
      'a citizen’s list: their NIU, even when nobody is reported',
      '{ _entities(representations: [{ __typename: "Citizen", niu: "100000000001" }]) { ... on Citizen { requests { reference } } } }',
      [],
      { cacheControl: 'max-age=120, private', proof: 'feed', owners: '100000000001' },
    ],
    [
      'a stale last-known list: never cacheable',
      '{ _entities(representations: [{ __typename: "Citizen", niu: "100000000009" }]) { ... on Citizen { requests { reference } } } }',
      [],
      { cacheControl: 'no-store', proof: 'feed', owners: '100000000009' },
    ],
    [
      'dossiers by reference: the owners the access report names',
      '{ _entities(representations: [{ __typename: "Request", reference: "R-1" }]) { ... on Request { reference } } }',
      ['100000000002'],
      { cacheControl: 'max-age=120, private', proof: 'feed', owners: '100000000002' },
    ],
    [
      'dossiers served on the feed’s proof: the earliest instant they are proven at, beside one read from the system',
      '{ _entities(representations: [{ __typename: "Request", reference: "R-1@2026-12-07T10:00:02.000Z" }, { __typename: "Request", reference: "R-2@2026-12-07T10:00:01.500Z" }, { __typename: "Request", reference: "R-3" }]) { ... on Request { reference } } }',
      ['100000000002'],
      { cacheControl: 'max-age=120, private', proof: 'feed', owners: '100000000002', provenAt: String(Date.parse('2026-12-07T10:00:01.500Z')) },
    ],
    [
      'a stale last-known dossier has an asOf too, but no proof: no instant',
      '{ _entities(representations: [{ __typename: "Request", reference: "R-9@2026-12-07T10:00:00.000Z" }]) { ... on Request { reference } } }',
      ['100000000003'],
      { cacheControl: 'no-store', proof: 'feed', owners: '100000000003' },
    ],
    [
      'a stale dossier by reference',
      '{ _entities(representations: [{ __typename: "Request", reference: "R-9" }]) { ... on Request { reference } } }',
      ['100000000003'],
      { cacheControl: 'no-store', proof: 'feed', owners: '100000000003' },
    ],
    [
      'a request-bound representation (a sealed lookup): cacheable only within a whole response, on its owners’ proof',
      '{ _entities(representations: [{ __typename: "Request", reference: "R-1~box" }]) { ... on Request { reference } } }',
      ['100000000004'],
      { cacheControl: 'max-age=120, private', proof: 'feed', owners: '100000000004', bound: 'request' },
    ],
    [
      'a citizen’s listing (seals for its own request): their NIU, bound to the request',
      '{ _entities(representations: [{ __typename: "Citizen", niu: "100000000005" }]) { ... on Citizen { listed { reference } } } }',
      [],
      { cacheControl: 'max-age=120, private', proof: 'feed', owners: '100000000005', bound: 'request' },
    ],
    [
      'derived from what the gateway hands over: bound to the request, no proof of its own',
      '{ summaryOf(niu: "100000000006") { count } }',
      [],
      { cacheControl: 'max-age=120, private', proof: undefined, owners: undefined, bound: 'request' },
    ],
    ['nothing of class feed: no proof header', '{ ok }', [], { cacheControl: 'no-store', proof: undefined, owners: undefined }],
  ])('%s', async (_name, query, reported, expected) => {
    const server = await serve();
    try {
      expect(await headersOf(server, query, reported)).toEqual({ bound: undefined, provenAt: undefined, ...expected });
    } finally {
      await server.stop();
    }
  });
});
