import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

/**
 * Answers a document whose operation cannot be determined (several operations and no or an unknown `operationName`)
 * as the GraphQL request error it is: `OPERATION_RESOLUTION_FAILURE`, 400 (200 for a legacy `application/json`
 * client), nothing executed. Apollo Server leaves it to `execute()`; with a gateway that is the query planner, which
 * throws instead (`INVALID_GRAPHQL`, HTTP 500). GraphQL over HTTP, "Operation cannot be determined".
 */
export function operationResolutionPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation !== undefined) return;
          const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
          const message =
            request.operationName !== undefined && request.operationName !== null
              ? `Unknown operation named "${request.operationName}".`
              : operations > 1
                ? 'Must provide operation name if query contains multiple operations.'
                : 'Must provide an operation.';
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400, headers: new HeaderMap([['cache-control', 'no-store']]) } } });
        },
      };
    },
  };
}
