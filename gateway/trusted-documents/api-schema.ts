import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { withDeferDirective } from '../defer/index.js';
// The one file, not the folder's index: the subscription transports use the trusted-documents rules in turn.
import { withSubscriptionType } from '../subscriptions/with-subscription-type.js';

/**
 * The schema clients see (no join__/link directives, no inaccessible elements), built from a supergraph the way
 * ApolloGateway builds it: what shipped documents are validated against. Features the supergraph links for
 * SECURITY (`@requiresScopes`…) are accepted without being enforced here: they do not change which documents are
 * valid, and enforcing them is the subgraphs' job. With `@defer`, which the gateway executes (gateway/defer) and
 * shipped documents may use; and with the gateway's own `Subscription` root (gateway/subscriptions).
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return withSubscriptionType(withDeferDirective(Supergraph.build(supergraphSdl, { supportedFeatures: null }).apiSchema().toGraphQLJSSchema()));
}
