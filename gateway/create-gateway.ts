import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { auditAccess, type AuditStore } from '../audit/index.js';
import { createInternalTokenSigner } from '../auth/index.js';
import type { Logger } from '../lib/log/index.js';
import { readSupergraphFile } from './supergraph-file.js';
import type { GatewayConfig } from './config.js';
import { createFormatError } from './format-error.js';
import { createGatewayPlugins } from './create-gateway-plugins.js';
import type { GatewayContext } from './gateway-context.js';
import { bindPlanStages } from './deadline/index.js';
import { createPartErrorFormatter, withDefer } from './defer/index.js';
import type { GatewayMetrics } from './metrics/index.js';
import { createSharedReads, nullableFieldsOf, PooledDataSource } from './subgraph-fetch/index.js';
import { startFeedProof } from './feed-proof/index.js';
import { createPrivateResponses } from './response-cache/index.js';
import { createRateLimiter, type RateLimiter, type RateLimitStore } from './rate-limit/index.js';
import { createServedGateway, createSupergraphMetrics, prepareSupergraph, type LoadedSupergraph, type ServedGateway, type SupergraphRules } from './supergraph/index.js';

/** The gateway built on one supergraph; a reload builds the next one beside it. */
export interface GatewayGeneration {
  readonly supergraph: LoadedSupergraph;
  /** Apollo Server running the gateway; started by the served gateway, stopped once no request uses it. */
  readonly server: ApolloServer<GatewayContext>;
  /** One pooled data source per subgraph the supergraph declares, by name. */
  readonly dataSources: ReadonlyMap<string, PooledDataSource>;
}

export interface GatewayParts {
  /** The gateway on the supergraph being served: `start()` loads it, `reload()` swaps in a new one, `close()` stops all. */
  readonly served: ServedGateway<GatewayGeneration>;
  /** Per user, per client and per anonymous address; also counts refused tokens. */
  readonly rateLimiter: RateLimiter;
  /** Stops what lives as long as the process (the change-feed follower of the shared reads), after `served`. */
  close(): Promise<void>;
}

/**
 * Builds (does not start) the gateway for the configured supergraph, and what builds it again for each reloaded one.
 * What does not depend on the supergraph lives as long as the process: the internal token signer, the shared reads
 * (subgraph answers, whatever supergraph planned the call), the rate limiter.
 */
export function createGateway(config: GatewayConfig, log: Logger, auditStore: AuditStore, rateLimitStore: RateLimitStore, metrics: GatewayMetrics): GatewayParts {
  const signer = createInternalTokenSigner({ secret: config.internalTokenSecret, reuseSeconds: config.internalTokenReuseSeconds });
  // A citizen's dossiers are kept only while the change feeds prove them unchanged: this process follows them itself.
  const feedProof = config.feedProof === undefined ? undefined : startFeedProof(config.feedProof, config.internalTokenSecret, log.child({ component: 'feed-proof' }));
  const sharedReads = createSharedReads({ ...config.sharedReads, ...(feedProof ? { feedProof: feedProof.proof } : {}) });
  metrics.watchSharedReads(() => sharedReads.stats());
  const privateResponses = createPrivateResponses({ ...config.privateResponseCache, ...(feedProof ? { feedProof: feedProof.proof } : {}) });
  // A caller's mutation drops their kept responses with their kept subgraph answers (on every replica when scaled).
  sharedReads.onDropCaller((caller) => privateResponses.dropCaller(caller));
  metrics.watchPrivateResponses(() => privateResponses.stats());
  if (feedProof) metrics.watchFeedProof(() => ({ ...feedProof.proof.stats(), connected: feedProof.connected() }));
  const development = config.nodeEnv === 'development';
  const rateLimiter = createRateLimiter({ store: rateLimitStore, limits: config.rateLimit.limits });
  const { trustedDocuments } = config;
  log.info({ mode: trustedDocuments.mode, documents: trustedDocuments.documents.size }, 'trusted documents');
  const rules: SupergraphRules = { urlOverrides: config.supergraphReload.urlOverrides, maxVariablesDepth: config.limits.maxVariablesDepth, documents: trustedDocuments.documents };
  const formatError = createFormatError({ nodeEnv: config.nodeEnv, log });
  const auditLog = log.child({ component: 'audit' });
  const initial = prepareSupergraph(config.supergraphSdl, config.supergraphPath, rules);
  for (const problem of initial.problems) log.warn({ problem }, 'trusted document does not validate');

  const build = async (supergraph: LoadedSupergraph): Promise<GatewayGeneration> => {
    // Everything below reads the supergraph through this view of the configuration.
    const generationConfig: GatewayConfig = { ...config, supergraphSdl: supergraph.sdl, subgraphs: supergraph.subgraphs };
    const nullable = nullableFieldsOf(supergraph.sdl);
    const dataSources = new Map(
      supergraph.subgraphs.map((subgraph) => [
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
      supergraphSdl: supergraph.sdl,
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
    const server = new ApolloServer<GatewayContext>({
      // @defer: the parts of an answer leave formatted and audited as a whole answer would (gateway/defer).
      gateway: withDefer(gateway, {
        formatErrors: createPartErrorFormatter(formatError, development),
        audit: (context, operationName) => auditAccess({ store: auditStore, log: auditLog }, context as GatewayContext, operationName),
      }),
      nodeEnv: config.nodeEnv,
      // runService owns SIGINT/SIGTERM: Apollo's own handlers would stop the server behind the HTTP drain.
      stopOnTerminationSignals: false,
      allowBatchedHttpRequests: false,
      csrfPrevention: true,
      introspection: config.nodeEnv !== 'production',
      includeStacktraceInErrorResponses: development,
      formatError,
      // Trusted documents replace Apollo's own persisted-query cache: no client may register a document.
      persistedQueries: false,
      plugins: createGatewayPlugins({ config: generationConfig, rateLimiter, auditStore, privateResponses, generation: supergraph.hash, log }),
      logger: log.child({ component: 'apollo-server' }),
    });
    try {
      await server.start();
    } catch (error) {
      await closeDataSources(dataSources);
      throw error;
    }
    return { supergraph, server, dataSources };
  };

  const served = createServedGateway<GatewayGeneration>({
    initial: initial.supergraph,
    rules,
    build,
    release: async ({ server, dataSources }) => {
      await server.stop();
      await closeDataSources(dataSources);
    },
    readFile: () => ({ sdl: readSupergraphFile(config.supergraphPath).sdl, source: config.supergraphPath }),
    metrics: createSupergraphMetrics(metrics.registry),
    log,
  });
  return {
    served,
    rateLimiter,
    async close() {
      sharedReads.close();
      await feedProof?.close();
    },
  };
}

async function closeDataSources(dataSources: ReadonlyMap<string, PooledDataSource>): Promise<void> {
  await Promise.all([...dataSources.values()].map((source) => source.close()));
}
