import { createServer, type IncomingMessage } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { createGraphQLHandler } from '../../lib/graphql-http/index.js';
import { closeServer, createRequestListener, listen, sendJson } from '../../lib/http/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createSubgraphErrorFormatter } from './format-subgraph-error.js';
import type { SubgraphEnv } from './subgraph-env.js';

export interface SubgraphServerOptions<C extends BaseContext> {
  readonly name: string;
  readonly schema: GraphQLSchema;
  readonly env: SubgraphEnv;
  readonly log: Logger;
  /** Per-request context: fresh DataLoaders for every request. */
  readonly context: (req: IncomingMessage) => Promise<C>;
  /** Released on close (adapters' sockets…). */
  readonly onClose?: () => Promise<void>;
}

/** The one way a subgraph is served: Apollo Server over node:http with `/graphql` and `/health`. */
export async function startSubgraphServer<C extends BaseContext>(options: SubgraphServerOptions<C>): Promise<RunningService> {
  const { schema, env, log, context, onClose } = options;
  const server = new ApolloServer<C>({
    schema,
    formatError: createSubgraphErrorFormatter(log, env.NODE_ENV === 'development'),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: true,
    // No Apollo Studio: inline traces would only add work to every subgraph response.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const graphql = createGraphQLHandler({ server, context });
  const httpServer = createServer(
    createRequestListener(
      {
        '/graphql': graphql,
        'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: options.name }),
      },
      (error) => log.error({ err: error }, 'request failed'),
    ),
  );
  httpServer.keepAliveTimeout = 65_000;
  const url = await listen(httpServer, env.HOST, env.PORT);
  return {
    url: `${url}/graphql`,
    async close() {
      await closeServer(httpServer);
      await server.stop();
      await onClose?.();
    },
  };
}
