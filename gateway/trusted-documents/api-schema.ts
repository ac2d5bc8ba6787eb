import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';

/**
 * The schema clients see (no join__/link directives, no inaccessible elements), built from a supergraph the way
 * ApolloGateway builds it: what shipped documents are validated against. Features the supergraph links for
 * SECURITY (`@requiresScopes`…) are accepted without being enforced here: they do not change which documents are
 * valid, and enforcing them is the subgraphs' job.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl, { supportedFeatures: null }).apiSchema().toGraphQLJSSchema();
}
