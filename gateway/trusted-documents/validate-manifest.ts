import { parse, validate, type GraphQLSchema } from 'graphql';
import type { ManifestOperation } from './manifest.js';

/**
 * Every problem of every trusted document against an API schema, as `Name: message` lines (empty when all are
 * valid). The gateway can run it at start-up on `options.documents.values()` to warn of a client the served
 * supergraph would break.
 */
export function validateManifest(operations: Iterable<Pick<ManifestOperation, 'name' | 'body'>>, schema: GraphQLSchema): string[] {
  return [...operations].flatMap(({ name, body }) => validate(schema, parse(body)).map((error) => `${name}: ${error.message}`));
}
