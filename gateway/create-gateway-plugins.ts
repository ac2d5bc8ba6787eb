import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { auditPlugin, type AuditStore } from '../audit/index.js';
import { operationResolutionPlugin } from '../lib/graphql-http/index.js';
import type { Logger } from '../lib/log/index.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './gateway-context.js';
import { createAuthChallengePlugin } from './auth/auth-challenge-plugin.js';
import { createVariableErrorsPlugin } from './input-errors/index.js';
import { createLimitPlugins, createVariablesDepthPlugins } from './limits/index.js';
import { createRateLimitPlugins, type RateLimiter } from './rate-limit/index.js';
import { createRequestRecordPlugins } from './request-records/index.js';
import { createResponseCachePlugins, privateResponseCachePlugin, type PrivateResponses } from './response-cache/index.js';
import { createTrustedDocumentsPlugins, publicRootFieldsOf } from './trusted-documents/index.js';
import { subscriptionsOverHttpPlugin } from './subscriptions/index.js';

export interface GatewayPluginsOptions {
  readonly config: GatewayConfig;
  /** Per user, per client and per anonymous address; shared with the context factory, which counts refused tokens. */
  readonly rateLimiter: RateLimiter;
  readonly auditStore: AuditStore;
  /** Whole private responses kept per caller (process-wide: it outlives a supergraph reload). */
  readonly privateResponses: PrivateResponses;
  /** The supergraph's hash: responses kept under another supergraph are not served by this one. */
  readonly generation: string;
  readonly log: Logger;
}

/**
 * Every Apollo Server plugin of the gateway, in the order they run. Each concern gives its own with one factory,
 * `create<Concern>Plugins(options)`, which returns its plugins (none when it is switched off).
 */
export function createGatewayPlugins({ config, rateLimiter, auditStore, privateResponses, generation, log }: GatewayPluginsOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    // The default landing pages load scripts from Apollo's CDN.
    ApolloServerPluginLandingPageDisabled(),
    // Several operations and no operationName: a 400 request error, not the query planner's 500.
    operationResolutionPlugin<GatewayContext>(),
    // A subscription over POST: a 400 naming the subscription transports, not the query planner's 500.
    subscriptionsOverHttpPlugin<GatewayContext>(),
    // Before anything walks the client's variables: recursive walkers (the response cache's key) overflow on deep ones.
    ...createVariablesDepthPlugins(config.limits),
    // Cheapest refusals first: rate limit, then unknown or untrusted documents, then complexity.
    ...createRateLimitPlugins({ limiter: rateLimiter, onStoreError: (error) => log.error({ err: error }, 'rate-limit store failed; request let through') }),
    ...createTrustedDocumentsPlugins({ ...config.trustedDocuments, publicRootFields: publicRootFieldsOf(config.supergraphSdl) }),
    ...createLimitPlugins({ limits: config.limits, nodeEnv: config.nodeEnv }),
    // Variables that do not coerce: every problem, per field, before anything runs or is looked up in a cache.
    // Enum values are named only where the schema is public (introspection on: not in production).
    createVariableErrorsPlugin<GatewayContext>({ revealSchema: config.nodeEnv !== 'production' }),
    ...createResponseCachePlugins<GatewayContext>({ maxBytes: config.responseCacheMaxBytes, sharedCache: config.responseCacheShared }),
    // A caller's own query answered again while every part of it still stands (its hints, the change feeds' proof).
    privateResponseCachePlugin<GatewayContext>({ responses: privateResponses, generation, maxAgeSeconds: config.sharedReads.cacheMaxAgeSeconds }),
    // No record, no data: personal data leaves only once its access is on the trail.
    auditPlugin<GatewayContext>({ store: auditStore, log: log.child({ component: 'audit' }) }),
    // Who called and which operation, for the request's operational record (written by the HTTP route).
    ...createRequestRecordPlugins<GatewayContext>(),
    // RFC 6750 challenges on refused fields (gateway/auth).
    createAuthChallengePlugin(),
  ];
}
