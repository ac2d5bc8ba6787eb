import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { parse } from 'graphql';
import { createGraphQLHandler } from '../../lib/graphql-http/index.js';
import { closeServer, createRequestListener, listen, sendJson } from '../../lib/http/index.js';

export interface TestSubgraphDefinition {
  readonly name: string;
  readonly typeDefs: string;
  readonly resolvers: GraphQLResolverMap<unknown>;
}

export interface TestSubgraph {
  readonly name: string;
  readonly typeDefs: string;
  /** GraphQL endpoint (`…/graphql`). */
  readonly url: string;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** A real federated subgraph over node:http (GraphQL at `/graphql`, `GET /health`), on a free port. */
export async function startTestSubgraph({ name, typeDefs, resolvers }: TestSubgraphDefinition): Promise<TestSubgraph> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers }),
    // The gateway must hide this in production: send it so the test can prove it.
    includeStacktraceInErrorResponses: true,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const graphql = createGraphQLHandler({ server, context: async () => ({}) });
  const httpServer = createServer(
    createRequestListener({ '/graphql': graphql, 'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok' }), 'GET /ready': (_req, res) => sendJson(res, 200, { status: 'ready' }) }),
  );
  let connections = 0;
  httpServer.on('connection', () => connections++);
  const base = await listen(httpServer, '127.0.0.1', 0);
  return {
    name,
    typeDefs,
    url: `${base}/graphql`,
    connections: () => connections,
    close: async () => {
      await closeServer(httpServer, 100);
      await server.stop();
    },
  };
}
