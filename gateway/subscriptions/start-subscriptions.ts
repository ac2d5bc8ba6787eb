import type { GraphQLSchema } from 'graphql';
import type { AuditEntry } from '../../audit/index.js';
import { createInternalTokenSigner, type Principal } from '../../auth/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { TrustedDocumentsOptions } from '../trusted-documents/index.js';
import type { ContextOf } from './authenticate-subscriber.js';
import { createDocumentGate } from './create-document-gate.js';
import { createDossierEventHub, type DossierEventHub } from './create-dossier-event-hub.js';
import { createSubscriptionSchema } from './create-subscription-schema.js';
import { createSubscriptionServer, type SubscriptionServer } from './create-subscription-server.js';
import type { DossierAccess } from '../self-graph/index.js';
import { ownershipOf } from './ownership-check.js';
import type { SubscriptionCaller } from './subscription-caller.js';
import type { PrincipalStreams } from './principal-streams/index.js';
import { createSubscriptionLimits } from './subscription-limits.js';
import type { SubscriptionsSettings } from './subscriptions-config.js';

export interface RunningSubscriptions extends SubscriptionServer {
  readonly hub: DossierEventHub;
}

/** Who the gateway is when it reads the internal stream: a service, not a person (no NIU, no ministry). */
const streamReader: Principal = { subject: 'guichet-gateway', role: 'supervisor', scopes: ['supervisor', 'supervision:read'], clientId: 'guichet-gateway' };

export interface StartSubscriptionsOptions {
  readonly settings: SubscriptionsSettings & { readonly eventsUrl: string };
  /** The API schema (with its `Subscription` root, see withSubscriptionType). */
  readonly apiSchema: GraphQLSchema;
  readonly context: ContextOf;
  readonly internalTokenSecret: string;
  /** Reads the dossier with the caller's own token (a citizen's `dossierEvents`): the graph decides who may follow it. */
  readonly dossierAccess: (caller: SubscriptionCaller, reference: string) => Promise<DossierAccess>;
  readonly audit: (entries: readonly AuditEntry[]) => Promise<unknown>;
  readonly maxBodyBytes: number;
  readonly trustedDocuments: TrustedDocumentsOptions;
  readonly log: Logger;
  /** Scaled mode: a principal's streams counted across the replicas (openRedisStores); default this process alone. */
  readonly principalStreams?: PrincipalStreams;
}

/** The process's event hub, the subscription schema over it, and both transports. */
export function startSubscriptions({
  settings,
  apiSchema,
  context,
  internalTokenSecret,
  dossierAccess,
  audit,
  maxBodyBytes,
  trustedDocuments,
  log,
  principalStreams,
}: StartSubscriptionsOptions): RunningSubscriptions {
  const signer = createInternalTokenSigner({ secret: internalTokenSecret });
  const hub = createDossierEventHub({
    url: settings.eventsUrl,
    internalToken: () => signer.sign(streamReader, { operationName: 'dossierEvents' }),
    replayBufferSize: settings.replayEvents,
    idleTimeoutMs: settings.upstreamIdleTimeoutMs,
    log,
  });
  const subscriptions = createSubscriptionSchema(apiSchema, {
    hub,
    ownership: async (reference, caller) => ownershipOf(await dossierAccess(caller, reference)),
    limits: createSubscriptionLimits({ maxPerPrincipal: settings.maxStreamsPerPrincipal, maxPerProcess: settings.maxStreams, ...(principalStreams ? { principals: principalStreams } : {}) }),
    maxQueuedEvents: settings.maxQueuedEvents,
    audit,
    log,
  });
  const server = createSubscriptionServer({
    subscriptions,
    context,
    heartbeatMs: settings.heartbeatMs,
    maxBodyBytes,
    slowClientGraceMs: 5_000,
    documentGate: createDocumentGate(trustedDocuments),
    log,
  });
  return {
    ...server,
    hub,
    async close() {
      await server.close();
      await hub.close();
      // After the streams ended: their releases are in flight, and waited for.
      await principalStreams?.close();
    },
  };
}
