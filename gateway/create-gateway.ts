import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { AuditStore } from '../audit/index.js';
import { createInternalTokenSigner } from '../auth/index.js';
import type { Logger } from '../lib/log/index.js';
import type { GatewayConfig } from './config.js';
import { createFormatError } from './format-error.js';
import { createGatewayPlugins } from './create-gateway-plugins.js';
import type { GatewayContext } from './gateway-context.js';
import { bindPlanStages } from './deadline/index.js';
import type { GatewayMetrics } from './metrics/index.js';
import { createSharedReads, nullableFieldsOf, PooledDataSource } from './subgraph-fetch/index.js';
import { createRateLimiter, type RateLimiter, type RateLimitStore } from './rate-limit/index.js';
import { apiSchemaOf, validateManifest } from './trusted-documents/index.js';

export interface GatewayParts {
  /** Apollo Server running the gateway; `start()` loads the supergraph, `stop()` also stops the gateway. */
  readonly server: ApolloServer<GatewayContext>;
  /** One pooled data source per subgraph the supergraph declares, by name. */
  readonly dataSources: ReadonlyMap<string, PooledDataSource>;
  /** Per user, per client and per anonymous address; also counts refused tokens. */
  readonly rateLimiter: RateLimiter;
}

/** Builds (does not start) the Apollo Server + ApolloGateway pair for a supergraph. */
export function createGateway(config: GatewayConfig, log: Logger, auditStore: AuditStore, rateLimitStore: RateLimitStore, metrics: GatewayMetrics): GatewayParts {
  const signer = createInternalTokenSigner({ secret: config.internalTokenSecret, reuseSeconds: config.internalTokenReuseSeconds });
  const nullable = nullableFieldsOf(config.supergraphSdl);
  const sharedReads = createSharedReads(config.sharedReads);
  metrics.watchSharedReads(() => sharedReads.stats());
  const dataSources = new Map(
    config.subgraphs.map((subgraph) => [
      subgraph.name,
      new PooledDataSource({
        name: subgraph.name,
        url: subgraph.url,
        timeoutMs: config.subgraphTimeoutMs,
        deadlineMarginMs: config.deadline.marginMs,
        maxConnections: config.subgraphMaxConnections,
        maxResponseBytes: config.subgraphMaxResponseBytes,
        log,
        signer,
        nullable,
        sharedReads,
        metrics,
      }),
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
    // Plans are cached by operation; trusted documents keep the set small, so the default size is plenty.
    experimental_approximateQueryPlanStoreMiB: config.queryPlanCacheMiB,
    // The request's deadline is shared out along its plan's stages: the data sources need to know where they stand.
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => bindPlanStages(requestContext.context, queryPlan),
  });
  const development = config.nodeEnv === 'development';
  const rateLimiter = createRateLimiter({ store: rateLimitStore, limits: config.rateLimit.limits });
  const { trustedDocuments } = config;
  log.info({ mode: trustedDocuments.mode, documents: trustedDocuments.documents.size }, 'trusted documents');
  for (const problem of validateManifest(trustedDocuments.documents.values(), apiSchemaOf(config.supergraphSdl))) log.warn({ problem }, 'trusted document does not validate');
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
    // Trusted documents replace Apollo's own persisted-query cache: no client may register a document.
    persistedQueries: false,
    plugins: createGatewayPlugins({ config, rateLimiter, auditStore, log }),
    logger: log.child({ component: 'apollo-server' }),
  });
  return { server, dataSources, rateLimiter };
}
