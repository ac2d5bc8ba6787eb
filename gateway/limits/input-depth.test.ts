import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultSupergraphPath } from '../config.js';
import { apiSchemaOf } from '../trusted-documents/index.js';
import { deepestVariables } from './input-depth.js';

describe('deepestVariables', () => {
  it('counts the variables object, each input object and each list', () => {
    expect(deepestVariables(buildSchema('type Query { a(id: ID!): Int }'))).toBe(1);
    expect(deepestVariables(buildSchema('type Query { a(ids: [ID!]!): Int }'))).toBe(2);
    expect(deepestVariables(buildSchema('input In { x: Int } type Query { a(in: In): Int }'))).toBe(2);
    expect(deepestVariables(buildSchema('input Inner { x: [[Int]] } input In { inner: [Inner!] } type Query { a: Int } type Mutation { b(in: In): Int }'))).toBe(6);
    expect(deepestVariables(buildSchema('input In { x: Int } interface Node { f(in: [In]): Int } type Query { n: Node }'))).toBe(3);
  });

  it('has no bound for an input that contains itself', () => {
    expect(deepestVariables(buildSchema('input Filter { and: [Filter!] name: String } type Query { a(where: Filter): Int }'))).toBeUndefined();
  });

  it('is 4 for Guichet’s supergraph (a list of input objects inside an input: the energy & mines filing’s documents [{ kind, id }]): the default limit of 32 leaves room to grow', () => {
    expect(deepestVariables(apiSchemaOf(readFileSync(defaultSupergraphPath(), 'utf8')))).toBe(4);
  });
});
