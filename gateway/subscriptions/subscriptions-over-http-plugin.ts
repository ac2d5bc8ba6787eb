import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A subscription sent to `POST /graphql`: the federated executor has no `Subscription` root (the gateway serves it on
 * its own transports), and its query planner would answer a 500. A 400 that says where to go instead.
 */
export function subscriptionsOverHttpPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError('Les abonnements passent par GraphQL sur SSE (POST /graphql/stream, Accept: text/event-stream) ou sur WebSocket (/graphql, graphql-transport-ws).', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400, headers: new HeaderMap([['cache-control', 'no-store']]) } },
          });
        },
      };
    },
  };
}
