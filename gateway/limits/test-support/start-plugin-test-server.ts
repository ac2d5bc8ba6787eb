import { createServer, type IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { anonymousPrincipal, type Principal } from '../../../auth/principal.js';
import { createGraphQLHandler } from '../../../lib/graphql-http/index.js';
import { closeServer, createRequestListener, listen } from '../../../lib/http/index.js';
import { createLogger } from '../../../lib/log/index.js';
import { createFormatError } from '../../format-error.js';

/** What the gateway's context will hold for these plugins. */
export interface TestContext {
  readonly principal: Principal;
  readonly clientIp: string;
}

/** Header carrying the test caller as JSON (the real gateway derives it from a verified access token). */
export const testPrincipalHeader = 'x-test-principal';

export interface PluginTestServerOptions {
  readonly schema: GraphQLSchema;
  readonly plugins: readonly ApolloServerPlugin<TestContext>[];
  readonly nodeEnv?: 'development' | 'production' | 'test';
  /** Resolvers' root value. */
  readonly rootValue?: unknown;
}

export interface PluginTestServer {
  /** `…/graphql` */
  readonly url: string;
  close(): Promise<void>;
}

function principalOf(req: IncomingMessage): Principal {
  const header = req.headers[testPrincipalHeader];
  return typeof header === 'string' ? (JSON.parse(header) as Principal) : anonymousPrincipal;
}

/**
 * An Apollo Server configured like the gateway's (CSRF prevention, no batching, no APQ cache, the gateway's
 * formatError) with the plugins under test, over node:http on a free port.
 */
export async function startPluginTestServer({ schema, plugins, nodeEnv = 'test', rootValue }: PluginTestServerOptions): Promise<PluginTestServer> {
  const log = createLogger('plugin-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const server = new ApolloServer<TestContext>({
    schema,
    nodeEnv,
    rootValue,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    introspection: nodeEnv !== 'production',
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError({ nodeEnv, log }),
    plugins: [ApolloServerPluginLandingPageDisabled(), ...plugins],
    stopOnTerminationSignals: false,
  });
  await server.start();
  const graphql = createGraphQLHandler({ server, context: async (req) => ({ principal: principalOf(req), clientIp: req.socket.remoteAddress ?? 'unknown' }) });
  const httpServer = createServer(createRequestListener({ '/graphql': graphql }));
  const base = await listen(httpServer, '127.0.0.1', 0);
  return {
    url: `${base}/graphql`,
    close: async () => {
      await closeServer(httpServer, 100);
      await server.stop();
    },
  };
}
