import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { resolve } from 'node:path';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { z } from 'zod';
import { packagePath } from '../lib/files/index.js';
import { ConfigError, configPart, envBool, envHost, envInt, envMs, envNodeEnv, envPort, envUrl, readConfig } from '../lib/config/index.js';
import { readAuditConfig, type AuditConfig } from '../audit/index.js';
import { documentsConfigFromEnv, documentsEnvSchema, type DocumentsConfig } from '../documents/index.js';
import { accessTokenEnvSchema, accessTokenVerifierOptionsFromEnv, internalTokenEnvSchema, type AccessTokenVerifierOptions } from '../auth/index.js';
import { metricsEnvSchema } from '../lib/metrics/index.js';
import { tracingEnvSchema, tracingOptionsFromEnv, type TracingOptions } from '../lib/trace/index.js';
import { admissionEnvSchema, admissionOptionsFromEnv, admissionProblems, deadlineOptionsFromEnv, type AdmissionOptions, type DeadlineOptions } from './admission/index.js';
import { deepestVariables, limitsEnvSchema, operationLimitsFromEnv, type OperationLimits } from './limits/index.js';
import { requestRecordsConfigFromEnv, requestRecordsEnvSchema, type RequestRecordsConfig } from './request-records/request-records-config.js';
import { rateLimitEnvSchema, rateLimitOptionsFromEnv, type RateLimitOptions } from './rate-limit/index.js';
import { readSupergraphFile, resolveSubgraphEndpoints, SupergraphFileError, subgraphUrlVariable, type SubgraphEndpoint, type SupergraphFile } from './supergraph-file.js';
import type { SharedReadsAcrossReplicas } from './subgraph-fetch/index.js';
import { explorerEnvSchema, explorerSettingsFromEnv, type ExplorerSettings } from './explorer/index.js';
import { supervisionRoomEnvSchema, supervisionRoomProblems, supervisionRoomSettingsFromEnv, type SupervisionRoomSettings } from './supervision-room/index.js';
import { streamBudgetProblems, subscriptionsEnvSchema, subscriptionsSettingsFromEnv, type SubscriptionsSettings } from './subscriptions/index.js';
import { feedProofEnvSchema, feedProofProblems, feedProofSettingsFromEnv, type FeedProofSettings } from './feed-proof/index.js';
import { apiSchemaOf, trustedDocumentsEnvSchema, trustedDocumentsOptionsFromEnv, type TrustedDocumentsOptions } from './trusted-documents/index.js';

const service = 'gateway';

export const gatewayEnvSchema = z.object({
  HOST: envHost(),
  PORT: envPort(4000),
  NODE_ENV: envNodeEnv(),
  /** Composed supergraph; relative paths are taken from the working directory. */
  SUPERGRAPH_PATH: z.string().min(1, 'must not be empty').optional(),
  SUBGRAPH_TIMEOUT_MS: envMs(15_000).refine((v) => v > 0, 'expected a duration > 0'),
  MAX_BODY_BYTES: envInt(1_000_000, 1),
  /** Processes serving HTTP; default one per core. 1 = a single process, no primary. */
  WORKERS: envInt(availableParallelism(), 1, 64),
  SUBGRAPH_MAX_CONNECTIONS: envInt(64, 1),
  SUBGRAPH_MAX_RESPONSE_BYTES: envInt(50_000_000, 1_000),
  SUBGRAPH_DEDUPE: envBool(true),
  SUBGRAPH_CACHE_MAX_ENTRIES: envInt(10_000, 0),
  SUBGRAPH_CACHE_MAX_BYTES: envInt(24_000_000, 0),
  SUBGRAPH_CACHE_MAX_AGE_S: envInt(300, 0),
  ACCESS_TOKEN_CACHE_MAX_ENTRIES: envInt(10_000, 0),
  RESPONSE_CACHE_MAX_BYTES: envInt(8_000_000, 0),
  PRIVATE_RESPONSE_CACHE_MAX_ENTRIES: envInt(10_000, 0),
  PRIVATE_RESPONSE_CACHE_MAX_BYTES: envInt(8_000_000, 0),
  QUERY_PLAN_CACHE_MIB: envInt(16, 1, 4_096),
  INTERNAL_TOKEN_REUSE_S: envInt(30, 0, 59),
  /** Scaled mode: rate limits, shared reads, the response cache and pub/sub shared by every replica. Unset: in memory. */
  REDIS_URL: z
    .url({ error: 'expected a redis:// URL' })
    .refine((v) => /^rediss?:\/\//.test(v), 'expected a redis:// or rediss:// URL')
    .optional(),
  /** Reload the supergraph when its file changes (SIGHUP reloads it in any case). */
  SUPERGRAPH_WATCH: envBool(true),
  /** Poll this http(s) URL for the supergraph instead of watching the file (the file is still the one read at start-up). */
  SUPERGRAPH_URL: envUrl().optional(),
  SUPERGRAPH_POLL_INTERVAL_MS: envMs(30_000).refine((v) => v >= 1_000, 'expected at least 1000 ms'),
  ...limitsEnvSchema.shape,
  ...trustedDocumentsEnvSchema.shape,
  ...rateLimitEnvSchema.shape,
  ...metricsEnvSchema.shape,
  ...tracingEnvSchema.shape,
  ...requestRecordsEnvSchema.shape,
  ...supervisionRoomEnvSchema.shape,
  ...explorerEnvSchema.shape,
  ...admissionEnvSchema.shape,
  ...subscriptionsEnvSchema.shape,
  ...feedProofEnvSchema.shape,
  ...documentsEnvSchema.shape,
});

export { subgraphUrlVariable, type SubgraphEndpoint } from './supergraph-file.js';

/** Where a new supergraph comes from while the gateway runs (see docs/operations.md, "Supergraph hot reload"). */
export interface SupergraphReloadOptions {
  /** Watch `supergraphPath` and reload when it changes (`SUPERGRAPH_WATCH`, default true; off when `url` is set). */
  readonly watch: boolean;
  /** Poll this URL instead of watching the file (`SUPERGRAPH_URL`); undefined: no polling. */
  readonly url: string | undefined;
  /** Between two polls of `url` (`SUPERGRAPH_POLL_INTERVAL_MS`, default 30000). */
  readonly pollIntervalMs: number;
  /** The `SUBGRAPH_<NAME>_URL` variables, applied again to every reloaded supergraph. */
  readonly urlOverrides: Readonly<Record<string, string>>;
}

export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly supergraphPath: string;
  readonly supergraphSdl: string;
  /** Every subgraph the supergraph declares, with its effective URL. */
  readonly subgraphs: readonly SubgraphEndpoint[];
  /** Whole subgraph call (connect, headers and body). Default 15000. */
  readonly subgraphTimeoutMs: number;
  /** Largest accepted client request body. Default 1 MB. */
  readonly maxBodyBytes: number;
  /** Processes serving HTTP (node:cluster workers); 1 = no primary. Default: the cores available. */
  readonly workers: number;
  /** Pooled keep-alive connections per subgraph. Default 64. */
  readonly subgraphMaxConnections: number;
  /** Largest response body accepted from a subgraph. Default 50 MB. */
  readonly subgraphMaxResponseBytes: number;
  /** Reads shared between client requests: in-flight de-duplication and the cache driven by subgraph cache hints. */
  readonly sharedReads: {
    readonly dedupe: boolean;
    readonly cacheMaxEntries: number;
    readonly cacheMaxBytes: number;
    readonly cacheMaxAgeSeconds: number;
    /** Scaled mode: set by startGateway from REDIS_URL (see withRedisStores), not read from the environment. */
    readonly acrossReplicas?: SharedReadsAcrossReplicas;
  };
  /** Whole PUBLIC responses kept in memory (bytes, approximate; 0 = off). Default 8 MB. */
  readonly responseCacheMaxBytes: number;
  /**
   * Whole PRIVATE responses kept per caller, on their subgraphs' hints and the change feeds' proof (0 entries or bytes
   * = off). Defaults 10000 and 8 MB (counted as the heap holds them).
   */
  readonly privateResponseCache: { readonly maxEntries: number; readonly maxBytes: number };
  /** Scaled mode: the response cache every replica shares, set by startGateway (see withRedisStores). */
  readonly responseCacheShared?: KeyValueCache<string>;
  /** `REDIS_URL`: scaled mode; undefined, every store in this process's memory as with a single gateway. */
  readonly redisUrl: string | undefined;
  /** Query plans kept in memory (MiB, approximate). Default 16. */
  readonly queryPlanCacheMiB: number;
  /** Verified access tokens remembered (0 = verify every request). Default 10000. */
  readonly accessTokenCacheMaxEntries: number;
  /** How long one internal token is reused for a caller's operation (0 = sign per request). Default 30 of its 60 s. */
  readonly internalTokenReuseSeconds: number;
  /** `SUBGRAPH_*_URL` variables naming no subgraph of this supergraph (likely typos; logged at start-up). */
  readonly unusedUrlOverrides: readonly string[];
  /** How client access tokens are verified (OIDC issuer, audience, JWKS, token profile; development tokens outside production only). */
  readonly accessToken: AccessTokenVerifierOptions;
  /** Signs the internal token every subgraph request carries. */
  readonly internalTokenSecret: string;
  /** Depth, aliases, tokens, directives and cost of one operation. */
  readonly limits: OperationLimits;
  readonly trustedDocuments: TrustedDocumentsOptions;
  readonly rateLimit: RateLimitOptions;
  /** The supervision room's live channel: read pace, idle refresh and stream caps (`SUPERVISION_PUSH_MS`, `SUPERVISION_IDLE_REFRESH_MS`, `SUPERVISION_MAX_STREAMS`). */
  readonly supervisionRoom: SupervisionRoomSettings;
  /** GraphiQL on a browser's GET of `/graphql` (`EXPLORER_ENABLED`; default on outside production). */
  readonly explorer: ExplorerSettings;
  /** Where the hash-chained audit trail is written, and the key that seals it. */
  readonly audit: AuditConfig;
  /** Bearer secret for `/metrics` (METRICS_TOKEN); undefined: this machine only. */
  readonly metricsToken: string | undefined;
  /** OTLP span export; undefined (the default) when no endpoint is configured. */
  readonly tracing: TracingOptions | undefined;
  /** Operational records: where, and for how long. */
  readonly requestRecords: RequestRecordsConfig;
  /** Requests in flight and waiting per process, and when to refuse (`ADMISSION_*`). */
  readonly admission: AdmissionOptions;
  /** One deadline per request, and what subgraphs are told of it (`REQUEST_DEADLINE_MS`, `REQUEST_DEADLINE_MARGIN_MS`). */
  readonly deadline: DeadlineOptions;
  /** Triggers of a supergraph reload besides SIGHUP. */
  readonly supergraphReload: SupergraphReloadOptions;
  /** GraphQL subscriptions: the dossier-event stream they read, caps, buffers, heartbeats (`SUBSCRIPTIONS_*`, `DOSSIER_*`). */
  readonly subscriptions: SubscriptionsSettings;
  /** A citizen's dossiers kept in the shared reads while the change feeds prove them unchanged (`FEED_PROOF_*`); undefined: off. */
  readonly feedProof?: FeedProofSettings;
  /** `POST /documents`: size limit, upload deadline, where the embedded store keeps them (`DOCUMENTS_*`). */
  readonly documents: DocumentsConfig;
}

/** `schema/supergraph.graphql` at the package root, from `gateway/*.ts` as from `dist/gateway/*.js`. */
export function defaultSupergraphPath(): string {
  return packagePath('schema', 'supergraph.graphql');
}

/** Reads the environment and the supergraph once; every problem is reported together as a ConfigError. */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  // The audit's part is read apart (its own rules); its problems are reported with the others, all at once.
  const auditPart = configPart(() => readAuditConfig(service, env));
  const main = configPart(() => readConfig(service, gatewayEnvSchema.extend({ ...accessTokenEnvSchema(env.NODE_ENV).shape, ...internalTokenEnvSchema(env.NODE_ENV).shape }), env));
  if (main.value === undefined || auditPart.value === undefined) throw new ConfigError(service, [...main.problems, ...auditPart.problems]);
  const options = main.value;
  const audit = auditPart.value;
  const supergraphPath = options.SUPERGRAPH_PATH === undefined ? defaultSupergraphPath() : resolve(options.SUPERGRAPH_PATH);
  let supergraph: SupergraphFile;
  try {
    supergraph = readSupergraphFile(supergraphPath);
  } catch (error) {
    if (error instanceof SupergraphFileError) throw new ConfigError(service, [`SUPERGRAPH_PATH: ${error.message}`]);
    throw error;
  }
  const resolved = resolveSubgraphEndpoints(supergraph.subgraphs, env);
  const { subgraphs } = resolved;
  const problems: string[] = [...resolved.problems];
  problems.push(...admissionProblems(options));
  problems.push(...supervisionRoomProblems(options));
  problems.push(...cacheBudgetProblems(options.SUBGRAPH_CACHE_MAX_BYTES, options.RESPONSE_CACHE_MAX_BYTES + options.PRIVATE_RESPONSE_CACHE_MAX_BYTES, options.QUERY_PLAN_CACHE_MIB));
  problems.push(...streamBudgetProblems(options.SUBSCRIPTIONS_MAX_STREAMS));
  problems.push(...feedProofProblems(options));
  problems.push(...variablesDepthProblems(options.LIMIT_MAX_VARIABLES_DEPTH, supergraph.sdl));
  if (problems.length > 0) throw new ConfigError(service, problems);
  const known = new Set(subgraphs.map((s) => subgraphUrlVariable(s.name)));
  const unusedUrlOverrides = Object.keys(env).filter((key) => /^SUBGRAPH_.+_URL$/.test(key) && !known.has(key));
  return {
    host: options.HOST,
    port: options.PORT,
    nodeEnv: options.NODE_ENV,
    supergraphPath,
    supergraphSdl: supergraph.sdl,
    subgraphs,
    subgraphTimeoutMs: options.SUBGRAPH_TIMEOUT_MS,
    maxBodyBytes: options.MAX_BODY_BYTES,
    workers: options.WORKERS,
    subgraphMaxConnections: options.SUBGRAPH_MAX_CONNECTIONS,
    subgraphMaxResponseBytes: options.SUBGRAPH_MAX_RESPONSE_BYTES,
    sharedReads: {
      dedupe: options.SUBGRAPH_DEDUPE,
      cacheMaxEntries: options.SUBGRAPH_CACHE_MAX_ENTRIES,
      cacheMaxBytes: options.SUBGRAPH_CACHE_MAX_BYTES,
      cacheMaxAgeSeconds: options.SUBGRAPH_CACHE_MAX_AGE_S,
    },
    accessTokenCacheMaxEntries: options.ACCESS_TOKEN_CACHE_MAX_ENTRIES,
    responseCacheMaxBytes: options.RESPONSE_CACHE_MAX_BYTES,
    privateResponseCache: { maxEntries: options.PRIVATE_RESPONSE_CACHE_MAX_ENTRIES, maxBytes: options.PRIVATE_RESPONSE_CACHE_MAX_BYTES },
    redisUrl: options.REDIS_URL,
    queryPlanCacheMiB: options.QUERY_PLAN_CACHE_MIB,
    internalTokenReuseSeconds: options.INTERNAL_TOKEN_REUSE_S,
    unusedUrlOverrides,
    accessToken: accessTokenVerifierOptionsFromEnv(options, options.NODE_ENV),
    internalTokenSecret: options.INTERNAL_TOKEN_SECRET,
    limits: operationLimitsFromEnv(options),
    trustedDocuments: trustedDocumentsOptionsFromEnv(options, options.NODE_ENV),
    rateLimit: rateLimitOptionsFromEnv(options),
    supervisionRoom: supervisionRoomSettingsFromEnv(options),
    explorer: explorerSettingsFromEnv(options, options.NODE_ENV),
    audit,
    metricsToken: options.METRICS_TOKEN,
    tracing: tracingOptionsFromEnv(options, 'gateway'),
    requestRecords: requestRecordsConfigFromEnv(options, audit.path),
    admission: admissionOptionsFromEnv(options),
    deadline: deadlineOptionsFromEnv(options),
    subscriptions: subscriptionsSettingsFromEnv(options, subgraphs),
    ...withFeedProof(feedProofSettingsFromEnv(options, subscriptionsSettingsFromEnv(options, subgraphs).eventsUrl)),
    documents: documentsConfigFromEnv(options),
    supergraphReload: {
      watch: options.SUPERGRAPH_WATCH && options.SUPERGRAPH_URL === undefined,
      url: options.SUPERGRAPH_URL,
      pollIntervalMs: options.SUPERGRAPH_POLL_INTERVAL_MS,
      urlOverrides: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => /^SUBGRAPH_.+_URL$/.test(entry[0]) && entry[1] !== undefined)),
    },
  };
}

/** Caches may take at most this share of the heap V8 was given; the rest is the gateway's working set. */
const cacheShareOfHeap = 0.5;

/**
 * The caches' budgets must fit the heap this process was started with (`--max-old-space-size`), or a full cache
 * would crash the gateway long after start-up: say so now, with the numbers.
 */
export function cacheBudgetProblems(subgraphCacheBytes: number, responseCachesBytes: number, queryPlanCacheMiB: number, heapLimitBytes = getHeapStatistics().heap_size_limit): string[] {
  const total = subgraphCacheBytes + responseCachesBytes + queryPlanCacheMiB * 2 ** 20;
  const allowed = Math.floor(heapLimitBytes * cacheShareOfHeap);
  if (total <= allowed) return [];
  const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
  return [
    `SUBGRAPH_CACHE_MAX_BYTES + RESPONSE_CACHE_MAX_BYTES + PRIVATE_RESPONSE_CACHE_MAX_BYTES + QUERY_PLAN_CACHE_MIB come to ${mb(total)}, more than half the heap this process has (${mb(heapLimitBytes)}): lower them, or start the gateway with a larger --max-old-space-size`,
  ];
}

/**
 * LIMIT_MAX_VARIABLES_DEPTH must let through the deepest variables a valid operation on this supergraph can need, or
 * some shipped document could never be sent. A schema whose inputs contain themselves has no such bound: any limit
 * then cuts somewhere, which is the point of having one.
 */
export function variablesDepthProblems(maxVariablesDepth: number, supergraphSdl: string): string[] {
  let needed: number | undefined;
  try {
    needed = deepestVariables(apiSchemaOf(supergraphSdl));
  } catch {
    // A supergraph that does not build is reported when the gateway loads it.
    return [];
  }
  if (needed === undefined || maxVariablesDepth >= needed) return [];
  return [`LIMIT_MAX_VARIABLES_DEPTH=${maxVariablesDepth}: below what this supergraph's own inputs need (${needed} levels, the variables object included)`];
}

const withFeedProof = (feedProof: FeedProofSettings | undefined) => (feedProof === undefined ? {} : { feedProof });
