// GraphQL subscriptions at the gateway (issue 15): dossier events from the supervision subgraph's internal stream,
// over GraphQL over SSE (`/graphql/stream`) and GraphQL over WebSocket (`/graphql`, graphql-transport-ws).
export { withSubscriptionType } from './with-subscription-type.js';
export { createDossierEventHub, type DossierEventHub, type DossierEventHubOptions } from './create-dossier-event-hub.js';
export { createSubscriptionSchema, type SubscriptionSchema, type SubscriptionSchemaOptions } from './create-subscription-schema.js';
export { createSubscriptionServer, type SubscriptionServer, type SubscriptionServerOptions } from './create-subscription-server.js';
export { createSubscriptionLimits, type SubscriptionLimits } from './subscription-limits.js';
export { createMemoryPrincipalStreams, createRedisPrincipalStreams, type PrincipalStreams, type StreamClaim } from './principal-streams/index.js';
export { ownershipOf, type Ownership, type OwnershipCheck } from './ownership-check.js';
export {
  HEAP_PER_STREAM_BYTES,
  maxStreamsForHeap,
  STREAM_SHARE_OF_HEAP,
  streamBudgetProblems,
  subscriptionsEnvSchema,
  subscriptionsSettingsFromEnv,
  type SubscriptionsSettings,
} from './subscriptions-config.js';
export { startSubscriptions, type RunningSubscriptions } from './start-subscriptions.js';
export { subscriptionsOverHttpPlugin } from './subscriptions-over-http-plugin.js';
