import { createServer, type IncomingMessage } from 'node:http';
import { auditReadiness, createGatewayAuditStore, openGatewayAuditStore, type GatewayAuditStore } from '../audit/index.js';
import { anonymousPrincipal, createAccessTokenVerifier } from '../auth/index.js';
import { createGraphQLHandler, type IncrementalResponse } from '../lib/graphql-http/index.js';
import { closeServer, createRequestListener, defaultCompression, listen, sendJson, type RouteHandler } from '../lib/http/index.js';
import type { Logger } from '../lib/log/index.js';
import { createStoreHealthRegistry } from '../lib/store-health/index.js';
import { createMetricsRoute } from '../lib/metrics/index.js';
import { startTracing, withTraceIds } from '../lib/trace/index.js';
import { createAdmission } from './admission/index.js';
import { carryRequestDeadline } from './deadline/index.js';
import { bindIncrementalResponse } from './defer/index.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics/index.js';
import { createSupervisionRoutes } from './supervision-room/index.js';
import { startSubscriptions, type RunningSubscriptions } from './subscriptions/index.js';
import { apiSchemaOf } from './trusted-documents/index.js';
import { createExplorer } from './explorer/index.js';
import { createDownloadRoute, createUploadRoute } from './documents/index.js';
import { dossierAccessOperation, readDossierAccess, selfGraphqlUrl } from './self-graph/index.js';
import { openDocumentStore, startDocumentSweep } from '../documents/index.js';
import { bindObservation, createLocalRecordSink, observeGraphQLRoute, openConfiguredRecordWriter, type RecordSink } from './request-records/index.js';
import type { RunningService } from '../lib/service/index.js';
import { startSupergraphTriggers, type ReloadOutcome, type SupergraphChange } from './supergraph/index.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './gateway-context.js';
import { ErrorCode } from '../schema/index.js';
import { createGateway, type GatewayGeneration } from './create-gateway.js';
import { CALLER_ATTESTATION_HEADER, createCallerAttestation } from './auth/caller-attestation.js';
import { createContextFactory } from './auth/create-context-factory.js';
import { createStreamDoor } from './auth/create-stream-door.js';
import { createMemoryRateLimitStore, RateLimitedError, type RateLimitStore } from './rate-limit/index.js';
import { checkReadiness, storesReadiness } from './readiness.js';
import { openRedisStores, withRedisStores } from './open-redis-stores.js';

/** The reads that decide who may download a filed document, and who may follow a dossier's events (clients/operations). */
const documentDossier = dossierAccessOperation('DocumentDossier');
const dossierEventsAccess = dossierAccessOperation('DossierEventsAccess');

/** How long `/ready` waits for each subgraph's `/health`. */
const healthCheckTimeoutMs = 1_000;

/**
 * Loads the supergraph, then serves `/graphql` (GET and POST), `/health` (alive) and `/ready` (supergraph loaded and
 * every subgraph answering). `close()` stops accepting, drains, stops Apollo Server and the gateway, then the pools.
 */
/** State every process serving the gateway must share: one audit chain, one view of callers' rates. */
export interface GatewaySharedState {
  readonly auditStore: GatewayAuditStore;
  readonly rateLimitStore: RateLimitStore;
  /** This worker's metrics, where its records go (the primary), and the whole cluster's `/metrics`. */
  readonly observability: GatewayObservability;
}

export interface GatewayObservability {
  readonly metrics: GatewayMetrics;
  readonly records: RecordSink;
  readonly renderMetrics: () => Promise<string>;
}

/** A running gateway; a cluster worker reloads when its primary relays a change (a single process watches itself). */
export interface RunningGateway extends RunningService {
  reloadSupergraph(change: SupergraphChange): Promise<ReloadOutcome>;
}

/** Names the supergraph a process serves, on `/ready` and on every `/graphql` answer. */
const supergraphHeader = 'x-guichet-supergraph';

export async function startGateway(config: GatewayConfig, baseLog: Logger, shared?: GatewaySharedState): Promise<RunningGateway> {
  // Every line written while serving a request carries its trace id.
  const log = withTraceIds(baseLog);
  for (const variable of config.unusedUrlOverrides) log.warn({ variable }, 'URL override names no subgraph of this supergraph; ignored');
  for (const subgraph of config.subgraphs) log.info({ subgraph: subgraph.name, url: subgraph.url, overridden: subgraph.overridden }, 'subgraph');
  // The trail and its witness: a trail the witness does not vouch for refuses personal data (see /ready).
  const auditStore = shared?.auditStore ?? createGatewayAuditStore(config.audit, log);
  await openGatewayAuditStore(auditStore, config.audit, log);
  const metrics = shared?.observability.metrics ?? createGatewayMetrics();
  // Every store's reachability, for /ready and /metrics; scaled mode (REDIS_URL) shares rates and caches over Redis.
  const stores = createStoreHealthRegistry(metrics.registry);
  const redisStores = config.redisUrl === undefined ? undefined : await openRedisStores(config.redisUrl, config, log, metrics, stores);
  const rateLimitStore = redisStores?.rateLimitStore ?? shared?.rateLimitStore ?? createMemoryRateLimitStore({ maxKeys: config.rateLimit.maxKeys });
  const stopTracing = config.tracing === undefined ? () => Promise.resolve() : await startTracing(config.tracing);
  if (config.tracing !== undefined) log.info({ tracesUrl: config.tracing.tracesUrl }, 'exporting spans over OTLP');
  // A single process writes its own records; a worker hands them to the primary.
  const writer = shared === undefined ? openConfiguredRecordWriter(config.requestRecords, log, metrics) : undefined;
  // The stores on a server (PostgreSQL with DATABASE_URL) in /metrics; the trail's also in /ready (its audit report).
  for (const health of [auditStore.health, writer?.health]) if (health) stores.add(health);
  const records = shared?.observability.records ?? createLocalRecordSink(writer, log, metrics);
  const renderMetrics = shared?.observability.renderMetrics ?? (() => metrics.registry.metrics());
  const { served, rateLimiter, close: closeGatewayParts } = createGateway(redisStores === undefined ? config : withRedisStores(config, redisStores), log, auditStore, rateLimitStore, metrics);
  // This process's door: requests in flight, waiting, refused; each request's deadline starts there.
  const admission = createAdmission({ ...config.admission, requestDeadlineMs: config.deadline.requestDeadlineMs }, log);
  metrics.watchAdmission(() => ({ ...admission.stats(), saturated: admission.saturated() }));
  // Citizens' supporting documents (POST /documents), in the store the filing subgraph reads them from.
  // Scaled (DATABASE_URL, as the trail): PostgreSQL, shared by every replica; embedded: DOCUMENTS_PATH.
  const { database } = config.audit;
  const documentStore = await openDocumentStore({ config: config.documents, ...(database ? { database: { url: database.url, applicationName: 'guichet-gateway-documents' } } : {}) });
  // Documents no dossier took within DOCUMENTS_UNREFERENCED_TTL_MS go; every worker sweeps, each deletion is one's.
  const documentSweep = startDocumentSweep({
    store: documentStore,
    unreferencedTtlMs: config.documents.unreferencedTtlMs,
    intervalMs: config.documents.sweepIntervalMs,
    audit: (entries) => auditStore.append(entries),
    log,
  });
  const closePools = async () => {
    admission.close();
    await documentSweep.stop();
    await documentStore.close();
    await auditStore.close();
    await records.close();
    await writer?.close();
    await redisStores?.close();
    await stopTracing();
  };
  try {
    await served.start();
  } catch (error) {
    await closePools();
    throw error;
  }
  let stopping = false;
  const verifyAccessToken = createAccessTokenVerifier({ ...config.accessToken, cacheMaxEntries: config.accessTokenCacheMaxEntries });
  const countRefusal = async (clientIp: string) => {
    const verdict = await rateLimiter.check(anonymousPrincipal, clientIp);
    if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterMs, verdict.policies);
  };
  // The supervision room's reads through this server carry their caller's address (see caller-attestation.ts).
  const attestation = createCallerAttestation({ secret: config.internalTokenSecret });
  const context = createContextFactory({ verify: verifyAccessToken, trustedProxyHops: config.rateLimit.trustedProxyHops, onRefused: countRefusal, attestation, log });
  const graphqlContext = {
    context: async (req: IncomingMessage, incremental?: IncrementalResponse) => {
      const contextValue = await context(req);
      // The executor answers an operation with @defer in parts when the client accepts them (gateway/defer).
      bindIncrementalResponse(contextValue, incremental);
      // Plugins and data sources find the request's observation through its context.
      bindObservation(req, contextValue);
      carryRequestDeadline(req, contextValue);
      return contextValue;
    },
    maxBodyBytes: config.maxBodyBytes,
    // Bytes on the wire (docs/http.md): brotli or gzip from 1 KB, weak ETags per caller, spec statuses for our rules.
    compression: defaultCompression,
    entityTags: { callerOf: ({ principal }: GatewayContext) => `${principal.role}:${principal.subject}:${principal.clientId}:${principal.scopes.join(' ')}` },
    validationErrorCodes: [ErrorCode.OPERATION_TOO_COMPLEX, ErrorCode.DOCUMENT_NOT_TRUSTED],
  };
  // Each request runs whole on the gateway it started on; a reload meanwhile releases that one only after it.
  const handlers = new WeakMap<GatewayGeneration, RouteHandler>();
  const graphql: RouteHandler = (req, res, url) =>
    served.serve(async (generation) => {
      let handler = handlers.get(generation);
      if (handler === undefined) handlers.set(generation, (handler = createGraphQLHandler({ server: generation.server, ...graphqlContext })));
      res.setHeader(supergraphHeader, generation.supergraph.hash);
      await handler(req, res, url);
    });
  const ready: RouteHandler = async (_req, res) => {
    if (stopping) return sendJson(res, 503, { status: 'stopping' });
    // Saturated: say so at once, without asking the subgraphs, so that a load balancer sends work elsewhere.
    if (admission.saturated()) return sendJson(res, 503, { status: 'saturated', admission: admission.stats() }, { 'cache-control': 'no-store' });
    const { dataSources, supergraph } = served.current();
    res.setHeader(supergraphHeader, supergraph.hash);
    const [{ ready, degraded, subgraphs }, audit] = await Promise.all([checkReadiness(dataSources.values(), healthCheckTimeoutMs), auditReadiness(auditStore)]);
    // Redis down: still ready (rates limited per process, caches missing), but degraded.
    const storeReport = storesReadiness(stores);
    const serving = ready && audit.ready && storeReport.ready;
    const status = !serving ? 'not ready' : degraded || storeReport.degraded ? 'degraded' : 'ready';
    sendJson(res, serving ? 200 : 503, { status, subgraphs, audit: audit.report, stores: storeReport.stores }, { 'cache-control': 'no-store' });
  };
  // Subscriptions (gateway/subscriptions): one hub per process on the supervision subgraph's dossier-event stream.
  const { eventsUrl } = config.subscriptions;
  if (eventsUrl === undefined) log.info('no supervision subgraph nor DOSSIER_EVENTS_URL: subscriptions are off');
  const subscriptions: RunningSubscriptions | undefined =
    eventsUrl === undefined
      ? undefined
      : startSubscriptions({
          settings: { ...config.subscriptions, eventsUrl },
          apiSchema: apiSchemaOf(config.supergraphSdl),
          context,
          internalTokenSecret: config.internalTokenSecret,
          // dossierEvents(reference): asked of the graph with the subscriber's token and address, as a query would be.
          dossierAccess: (caller, reference) =>
            readDossierAccess({
              graphqlUrl: config.subscriptions.lookupUrl ?? caller.graphqlUrl,
              operation: dossierEventsAccess,
              authorization: caller.authorization ?? '',
              reference,
              headers: { [CALLER_ATTESTATION_HEADER]: attestation.sign(caller.clientIp) },
            }),
          audit: (entries) => auditStore.append(entries),
          maxBodyBytes: config.maxBodyBytes,
          trustedDocuments: config.trustedDocuments,
          log,
          // Scaled mode: a citizen's streams counted across the gateway replicas (docs/subscriptions.md).
          ...(redisStores ? { principalStreams: redisStores.subscriptionStreams(config.subscriptions.principalLeaseMs) } : {}),
        });
  // The supervision room verifies each stream's caller at its door, then reads its figures through this very server's
  // /graphql, with each supervisor's token and address, when the hub's dossier events say they changed.
  const { oidcClientId, oidcIssuer, ...roomSettings } = config.supervisionRoom;
  const supervision = createSupervisionRoutes({
    log,
    door: createStreamDoor({ context, onRefused: countRefusal, attestation }),
    ...roomSettings,
    // Supervisors sign in at the provider whose tokens this gateway accepts, unless told otherwise.
    signIn: { issuer: oidcIssuer ?? config.accessToken.issuer, clientId: oidcClientId },
    ...(subscriptions ? { events: subscriptions.hub } : {}),
  });
  // A browser's GET of /graphql: the explorer (or a page saying how to query), never Apollo's CSRF refusal.
  const explorer = createExplorer({ ...config.explorer, currentSupergraph: () => served.current().supergraph, trustedDocuments: config.trustedDocuments });
  const httpServer = createServer(
    createRequestListener(
      {
        // Apollo answers 405 to methods other than GET and POST, and refuses mutations over GET.
        '/graphql': explorer.wrap(observeGraphQLRoute(admission.guard(graphql), { sink: records, metrics })),
        'GET /metrics': createMetricsRoute({ render: renderMetrics, token: config.metricsToken }),
        'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok' }, { 'cache-control': 'no-store' }),
        'GET /ready': ready,
        // Uploads go through the same door as /graphql: counted in flight, refused early when saturated.
        'POST /documents': admission.guard(
          createUploadRoute({
            context,
            store: documentStore,
            audit: (entries) => auditStore.append(entries),
            maxBytes: config.documents.maxBytes,
            uploadDeadlineMs: config.documents.uploadDeadlineMs,
            maxUploadsPerCaller: config.documents.maxUploadsPerCaller,
            log,
          }),
        ),
        // A filed document, for whoever may read its dossier (asked of this very server's /graphql with the caller's token).
        'GET /documents/*': createDownloadRoute({
          context,
          store: documentStore,
          audit: (entries) => auditStore.append(entries),
          dossierAccess: (req, caller, reference) =>
            readDossierAccess({
              graphqlUrl: selfGraphqlUrl(req),
              operation: documentDossier,
              authorization: req.headers.authorization ?? '',
              reference,
              headers: { [CALLER_ATTESTATION_HEADER]: attestation.sign(caller.clientIp) },
            }),
          log,
        }),
        // GET /supervision (the page), /supervision/assets/<file>, /supervision/events (Server-Sent Events).
        ...supervision.routes,
        ...explorer.routes,
        // GraphQL over Server-Sent Events (graphql-sse, distinct connections mode); WebSocket upgrades below.
        ...(subscriptions ? { '/graphql/stream': subscriptions.sse } : {}),
      },
      (error) => log.error({ err: error }, 'request failed'),
    ),
  );
  // GraphQL over WebSocket (graphql-transport-ws) on /graphql; any other upgrade is refused.
  httpServer.on('upgrade', (req, socket, head) => {
    if (stopping || !subscriptions?.upgrade(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  let url: string;
  try {
    url = await listen(httpServer, config.host, config.port);
  } catch (error) {
    await subscriptions?.close();
    await supervision.close();
    await served.close();
    await closeGatewayParts();
    await closePools();
    throw error;
  }
  // A worker hears of changes from its primary; a single process watches for them itself.
  const stopTriggers = shared === undefined ? startSupergraphTriggers({ path: config.supergraphPath, ...config.supergraphReload, log }, (change) => void served.reload(change)) : () => undefined;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stopping = true;
      stopTriggers();
      // Live streams never end by themselves: end them first, or closeServer waits out its whole grace period.
      await supervision.close();
      await subscriptions?.close();
      await closeServer(httpServer);
      await served.close();
      await closeGatewayParts();
      await closePools();
    })());
  return { url, close, reloadSupergraph: (change) => served.reload(change) };
}
