import { createServer, type IncomingMessage } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { accessReportPlugin } from '../../../audit/index.js';
import type { GraphQLSchema } from 'graphql';
import { createGraphQLHandler } from '../../../lib/graphql-http/index.js';
import { Deadline, DEADLINE_HEADER, parseDeadlineHeader, runWithDeadline } from '../../../lib/deadline/index.js';
import { closeServer, createRequestListener, listen, sendJson, type RouteHandler, type Routes } from '../../../lib/http/index.js';
import { errorMessages } from '../../../schema/index.js';
import type { SubgraphContext } from './subgraph-context.js';
import type { Logger } from '../../../lib/log/index.js';
import type { RunningService } from '../../../lib/service/index.js';
import { applyCacheHints, feedProofPlugin, type CacheHintRules } from '../cache-hints/index.js';
import { createSubgraphErrorFormatter } from './format-subgraph-error.js';
import type { SubgraphEnv } from './subgraph-env.js';
import type { LegacySystem } from '../../../adapters/shared/index.js';
import { createMetricsRoute } from '../../../lib/metrics/index.js';
import type { Registry } from 'prom-client';
import { startTracing, tracingOptionsFromEnv, withTraceIds } from '../../../lib/trace/index.js';
import type { Backlog } from '../../../outbox/index.js';
import { createStoreHealthRegistry, type StoreHealth } from '../../../lib/store-health/index.js';
import { callsReportPlugin, createSubgraphMetrics, observeSubgraphRequests } from '../observability/index.js';

/** The caller of one subgraph request, as the gateway's internal token says. */
export type CallerIdentity = Pick<SubgraphContext, 'principal' | 'operationName' | 'traceId'>;

export interface SubgraphServerOptions<C extends BaseContext & Pick<SubgraphContext, 'access'>> {
  readonly name: string;
  readonly schema: GraphQLSchema;
  readonly env: SubgraphEnv;
  readonly log: Logger;
  /**
   * Who is calling: verifies the gateway's internal token. Anything it rejects (no token, forged, expired) gets
   * HTTP 401 before GraphQL runs — `_service` and `_entities` included: the gateway is the only door.
   */
  readonly authenticate: (req: IncomingMessage) => Promise<CallerIdentity>;
  /** Per-request context: the caller and fresh DataLoaders for every request. */
  readonly context: (caller: CallerIdentity) => Promise<C>;
  /** Released on close (adapters' sockets…). */
  readonly onClose?: () => Promise<void>;
  /**
   * What `GET /ready` reports beyond "up": the legacy system's circuit, the outbox backlog. A degraded subgraph is
   * still ready (it answers partially, queues submissions); only a failed check makes it 503.
   */
  readonly readiness?: () => Promise<Readonly<Record<string, unknown>>>;
  /** What this subgraph's answers may be cached as (see applyCacheHints); anything else is `no-store`. */
  readonly cacheHints?: CacheHintRules;
  /** The legacy system a ministry subgraph calls: its calls, circuit and stale answers are in `/metrics`. */
  readonly system?: LegacySystem;
  /** The ministry's outbox backlog, for `/metrics`. */
  readonly backlog?: () => Promise<Backlog>;
  /** The stores' reachability (scaled mode), exported to `/metrics` as `guichet_store_up` and `guichet_store_failures_total`. */
  readonly stores?: readonly StoreHealth[];
  /** Adds a subgraph's own series to its `/metrics` registry (the supervision leader). */
  readonly registerMetrics?: (registry: Registry) => void;
  /** A subgraph's own routes beside the standard ones (the supervision's internal dossier-event stream); each authenticates itself. */
  readonly routes?: Routes;
  /** Called first on close, before the server waits for its requests: ends long-lived responses (event streams). */
  readonly onStopping?: () => Promise<void>;
}

/**
 * The one way a subgraph is served: Apollo Server over node:http with `/graphql`, `/health`, `/ready` and `/metrics`;
 * every request in a span of the gateway's trace, its log lines carrying the trace id.
 */
export async function startSubgraphServer<C extends BaseContext & Pick<SubgraphContext, 'access'>>(options: SubgraphServerOptions<C>): Promise<RunningService> {
  const { env, context, onClose } = options;
  const log = withTraceIds(options.log);
  const tracing = tracingOptionsFromEnv(env, `subgraph-${options.name}`);
  const stopTracing = tracing === undefined ? () => Promise.resolve() : await startTracing(tracing);
  if (tracing !== undefined) log.info({ tracesUrl: tracing.tracesUrl }, 'exporting spans over OTLP');
  const metrics = createSubgraphMetrics({ subgraph: options.name, ...(options.system ? { system: options.system } : {}), ...(options.backlog ? { backlog: options.backlog } : {}) });
  if (options.stores && options.stores.length > 0) {
    const storeHealth = createStoreHealthRegistry(metrics.registry);
    for (const store of options.stores) storeHealth.add(store);
  }
  options.registerMetrics?.(metrics.registry);
  const schema = applyCacheHints(options.schema, options.cacheHints ?? {}, {
    publicMaxAgeS: env.CACHE_PUBLIC_MAX_AGE_S,
    identityMaxAgeS: env.CACHE_IDENTITY_MAX_AGE_S,
    feedMaxAgeS: env.CACHE_FEED_MAX_AGE_S,
  });
  const server = new ApolloServer<C>({
    schema,
    formatError: createSubgraphErrorFormatter(log, env.NODE_ENV === 'development'),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: true,
    // No Apollo Studio: inline traces would only add work to every subgraph response.
    // Cache control is on by default; named here because the gateway relies on its `Cache-Control` header: the
    // policy of the cache hints, `no-store` for anything else and for any response with errors.
    plugins: [
      ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      accessReportPlugin<C>(),
      callsReportPlugin<C>(),
      feedProofPlugin<C>(),
    ],
  });
  await server.start();
  let stopping = false;
  // The identity established before GraphQL runs, handed to the context of that same request.
  const authenticated = new WeakMap<IncomingMessage, CallerIdentity>();
  const graphql = createGraphQLHandler({
    server,
    // Whatever Apollo refuses before execution carries no cache hint: say so rather than leave it to the reader.
    defaultCacheControl: 'no-store',
    context: async (req) => {
      const caller = authenticated.get(req);
      if (!caller) throw new Error('a request reached GraphQL without an authenticated caller');
      return context(caller);
    },
  });
  const guarded: RouteHandler = async (req, res, url) => {
    let caller: CallerIdentity;
    try {
      caller = await options.authenticate(req);
    } catch (error) {
      log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'request refused: not from the gateway');
      return sendJson(res, 401, { errors: [{ message: errorMessages.UNAUTHENTICATED, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer', 'cache-control': 'no-store' });
    }
    authenticated.set(req, caller);
    // The time the gateway says the request has left, never more than this subgraph's own bound; a missing or
    // malformed value gets the bound. Read only once the caller is known to be the gateway.
    const deadline = Deadline.after(parseDeadlineHeader(req.headers[DEADLINE_HEADER], env.REQUEST_DEADLINE_MS) ?? env.REQUEST_DEADLINE_MS);
    try {
      return await runWithDeadline(deadline, () => graphql(req, res, url));
    } finally {
      deadline.release();
    }
  };
  const httpServer = createServer(
    createRequestListener(
      {
        ...options.routes,
        '/graphql': observeSubgraphRequests(options.name, metrics, guarded),
        'GET /metrics': createMetricsRoute({ render: () => metrics.registry.metrics(), token: env.METRICS_TOKEN }),
        'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: options.name }),
        'GET /ready': async (_req, res) => {
          if (stopping) return sendJson(res, 503, { status: 'stopping', subgraph: options.name });
          try {
            const details = (await options.readiness?.()) ?? {};
            const degraded = details.degraded === true;
            sendJson(res, 200, { status: degraded ? 'degraded' : 'ready', subgraph: options.name, ...details }, { 'cache-control': 'no-store' });
          } catch (error) {
            log.error({ err: error }, 'readiness check failed');
            sendJson(res, 503, { status: 'not ready', subgraph: options.name }, { 'cache-control': 'no-store' });
          }
        },
      },
      (error) => log.error({ err: error }, 'request failed'),
    ),
  );
  httpServer.keepAliveTimeout = 65_000;
  const url = await listen(httpServer, env.HOST, env.PORT);
  return {
    url: `${url}/graphql`,
    async close() {
      stopping = true;
      await options.onStopping?.();
      await closeServer(httpServer);
      await server.stop();
      await onClose?.();
      metrics.close();
      await stopTracing();
    },
  };
}
