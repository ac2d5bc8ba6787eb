import { readFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { apiSchemaOf } from '../../gateway/trusted-documents/api-schema.js';

let cached: GraphQLSchema | undefined;

/** The schema clients see, from the committed supergraph the test stack serves. */
export function testApiSchema(): GraphQLSchema {
  cached ??= apiSchemaOf(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
  return cached;
}
