import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createInternalTokenSigner } from '../auth/index.js';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '../lib/log/index.js';
import type { GatewayConfig } from './config.js';
import { createFormatError } from './format-error.js';
import type { GatewayContext } from './gateway-context.js';
import { PooledDataSource } from './pooled-data-source.js';

export interface GatewayParts {
  /** Apollo Server running the gateway; `start()` loads the supergraph, `stop()` also stops the gateway. */
  readonly server: ApolloServer<GatewayContext>;
  /** One pooled data source per subgraph the supergraph declares, by name. */
  readonly dataSources: ReadonlyMap<string, PooledDataSource>;
}

/** Builds (does not start) the Apollo Server + ApolloGateway pair for a supergraph. */
export function createGateway(config: GatewayConfig, log: Logger): GatewayParts {
  const signer = createInternalTokenSigner({ secret: config.internalTokenSecret });
  const dataSources = new Map(
    config.subgraphs.map((subgraph) => [
      subgraph.name,
      new PooledDataSource({ name: subgraph.name, url: subgraph.url, timeoutMs: config.subgraphTimeoutMs, maxConnections: config.subgraphMaxConnections, log, signer }),
    ]),
  );
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    // The URL the gateway passes comes from the SDL; ours already applied SUBGRAPH_<NAME>_URL overrides.
    buildService: ({ name }) => {
      const dataSource = dataSources.get(name);
      if (!dataSource) throw new Error(`subgraph "${name}" is not declared in join__Graph`);
      return dataSource;
    },
    logger: log.child({ component: 'apollo-gateway' }),
  });
  const development = config.nodeEnv === 'development';
  const server = new ApolloServer<GatewayContext>({
    gateway,
    nodeEnv: config.nodeEnv,
    // runService owns SIGINT/SIGTERM: Apollo's own handlers would stop the server behind the HTTP drain.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: config.nodeEnv !== 'production',
    includeStacktraceInErrorResponses: development,
    formatError: createFormatError({ nodeEnv: config.nodeEnv, log }),
    // The default landing pages load scripts from Apollo's CDN.
    plugins: [ApolloServerPluginLandingPageDisabled()],
    logger: log.child({ component: 'apollo-server' }),
  });
  return { server, dataSources };
}
