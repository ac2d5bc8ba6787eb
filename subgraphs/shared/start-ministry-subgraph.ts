import type { BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { LegacySystem } from '../../adapters/shared/index.js';
import type { Principal } from '../../auth/index.js';
import type { Logger } from '../../lib/log/index.js';
import { withTraceIds } from '../../lib/trace/index.js';
import type { RunningService } from '../../lib/service/index.js';
import type { LegacyDelivery, LegacyRecord, Outbox, OutboxConfig } from '../../outbox/index.js';
import type { CacheHintRules } from './cache-hints/index.js';
import { createGatewayAuthenticator } from './gateway-authenticator.js';
import { createLastKnownStore, type LastKnownStore } from './last-known/index.js';
import { ministryReadiness } from './ministry-readiness.js';
import { startSubgraphServer } from './start-subgraph-server.js';
import { createMinistryOutbox } from './submissions/index.js';
import type { SubgraphContext } from './subgraph-context.js';
import type { SubgraphEnv } from './subgraph-env.js';

/** What every ministry keeps for the life of its process, handed to each request's context. */
export interface MinistryParts<R extends LegacyRecord> {
  /** Applications the ministry could not take yet, delivered later by the forwarder. */
  readonly outbox: Outbox<R>;
  /** Last versions seen: what status reads fall back to while the ministry is unreachable. */
  readonly lastKnown: LastKnownStore<R>;
}

export interface MinistrySubgraphOptions<R extends LegacyRecord, C extends BaseContext & Pick<SubgraphContext, 'access'>> {
  readonly name: string;
  readonly system: LegacySystem;
  readonly config: { readonly server: SubgraphEnv; readonly outbox: OutboxConfig };
  readonly schema: GraphQLSchema;
  /** The ministry's legacy calls for a submission: find by external reference, then create. */
  readonly delivery: LegacyDelivery<R>;
  readonly context: (parts: MinistryParts<R>, principal: Principal) => C;
  readonly log: Logger;
  /** What the ministry's answers may be cached as; default nothing (statuses change). */
  readonly cacheHints?: CacheHintRules;
}

/**
 * The one way a ministry subgraph starts: its outbox (resuming whatever a previous process left queued), its
 * last-known store, then the server — gated by the gateway's internal token, reporting its circuit and backlog on
 * `/ready`, and closing the outbox after the HTTP drain (in-flight submissions may still hold leases).
 */
export async function startMinistrySubgraph<R extends LegacyRecord, C extends BaseContext & Pick<SubgraphContext, 'access'>>(
  options: MinistrySubgraphOptions<R, C>,
): Promise<RunningService> {
  const { name, system, config } = options;
  // The forwarder's lines too: a delivery made for a request carries its trace id.
  const log = withTraceIds(options.log);
  const outbox = createMinistryOutbox<R>({ name, system, config: config.outbox, delivery: options.delivery, log });
  const lastKnown = createLastKnownStore<R>({ maxEntries: config.server.LAST_KNOWN_MAX_ENTRIES, maxAgeMs: config.server.LAST_KNOWN_MAX_AGE_MS });
  outbox.start();
  try {
    return await startSubgraphServer({
      name,
      schema: options.schema,
      env: config.server,
      log,
      authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
      context: async (caller) => options.context({ outbox, lastKnown }, caller.principal),
      onClose: () => outbox.close(),
      readiness: ministryReadiness(system, outbox),
      system,
      backlog: () => outbox.backlog(),
      ...(options.cacheHints ? { cacheHints: options.cacheHints } : {}),
    });
  } catch (error) {
    await outbox.close();
    throw error;
  }
}
