import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { parse } from 'graphql';
import { createGraphQLHandler } from '../../lib/graphql-http/index.js';
import { closeServer, createRequestListener, listen } from '../../lib/http/index.js';
import { createAccessRecorder } from '../access-recorder.js';
import { accessReportPlugin, type AccessReportingContext } from '../access-report-plugin.js';

export const federationLink = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

export interface TinySubgraph {
  readonly name: string;
  readonly typeDefs: string;
  readonly url: string;
  close(): Promise<void>;
}

/** A real subgraph over HTTP on a free port, wired the way the project's subgraphs will be: recorder + plugin. */
export async function startTinySubgraph(name: string, typeDefs: string, resolvers: GraphQLResolverMap<AccessReportingContext>): Promise<TinySubgraph> {
  const server = new ApolloServer<AccessReportingContext>({
    // buildSubgraphSchema types every resolver map with an unknown context; ours is the server's own context type.
    schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers: resolvers as GraphQLResolverMap<unknown> }),
    plugins: [ApolloServerPluginInlineTraceDisabled(), accessReportPlugin()],
  });
  await server.start();
  const graphql = createGraphQLHandler({ server, context: async () => ({ access: createAccessRecorder() }) });
  const httpServer = createServer(createRequestListener({ '/graphql': graphql }));
  const base = await listen(httpServer, '127.0.0.1', 0);
  return {
    name,
    typeDefs,
    url: `${base}/graphql`,
    async close() {
      await closeServer(httpServer, 100);
      await server.stop();
    },
  };
}
