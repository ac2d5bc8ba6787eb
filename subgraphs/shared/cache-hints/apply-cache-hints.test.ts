import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyCacheHints } from './apply-cache-hints.js';

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
