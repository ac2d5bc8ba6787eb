import type { Registry } from 'prom-client';
import type { z } from 'zod';
import type { MinistryDossierAdapter } from '../../../adapters/shared/index.js';
import type { Logger } from '../../../lib/log/index.js';
import type { RunningService } from '../../../lib/service/index.js';
import { withTraceIds } from '../../../lib/trace/index.js';
import type { Submission } from '../../../outbox/index.js';
import { createOutboxOutcomesRoute, OUTBOX_OUTCOMES_PATH } from '../outbox-feed/index.js';
import type { KnownRecord } from '../fallback/index.js';
import { startFeedFreshness } from '../freshness/index.js';
import { countedListingSeal, createListingSeal } from '../listing-seal/index.js';
import { createGatewayAuthenticator } from '../server/gateway-authenticator.js';
import { startSubgraphServer } from '../server/start-subgraph-server.js';
import { createMinistryOutbox, queuedDossierRecord } from '../submissions/index.js';
import { createMinistryContext, type MinistryContext } from './ministry-context.js';
import { ministryReadiness } from './ministry-readiness.js';
import { openMinistryStores } from './open-ministry-stores.js';
import { dossierCacheHints } from './dossier-cache-hints.js';
import type { MinistryRecord, MinistrySubgraph } from './ministry-subgraph.js';
import { registryRowOf, type MinistrySubgraphConfig } from './read-ministry-subgraph-config.js';
import { openDocumentStore } from '../../../documents/index.js';

/**
 * The one way a ministry subgraph starts, from its definition: its adapter, its outbox (resuming whatever a previous
 * process left queued) delivering through the adapter's find-then-submit, its last-known store, then the server —
 * gated by the gateway's internal token, each request with fresh loaders, reporting its circuit and backlog on
 * `/ready`, and closing the outbox after the HTTP drain (in-flight submissions may still hold leases).
 */
export async function startMinistrySubgraph<S extends z.ZodObject, O, R extends MinistryRecord, I extends object, A extends MinistryDossierAdapter<R, I>, X, C extends MinistryContext<R, A, I>>(
  definition: MinistrySubgraph<S, O, R, I, A, X, C>,
  config: MinistrySubgraphConfig<O, X>,
  baseLog: Logger,
): Promise<RunningService> {
  const { name } = definition;
  const row = registryRowOf(name);
  const system = definition.adapter.system;
  // The forwarder's lines too: a delivery made for a request carries its trace id.
  const log = withTraceIds(baseLog);
  const adapter = definition.adapter.create(config.adapter);
  const forRequests = definition.forRequests ? definition.forRequests(adapter, config.own) : adapter;
  const input = (submission: Submission): I => definition.inputSchema.parse(submission.payload);
  const queuedRecord = (submission: Submission): R => definition.queuedRecord(queuedDossierRecord(submission), input(submission));
  // Embedded (SQLite file, in-process LRU) or, with DATABASE_URL, PostgreSQL shared by every replica.
  const stores = await openMinistryStores<R>({
    name,
    database: config.database,
    lastKnown: { maxEntries: config.server.LAST_KNOWN_MAX_ENTRIES, maxAgeMs: config.server.LAST_KNOWN_MAX_AGE_MS },
    log,
  });
  const documents = definition.documents
    ? await openDocumentStore({ config: definition.documents(config.own), ...(config.database ? { database: { url: config.database.url, applicationName: `guichet-${name}-documents` } } : {}) })
    : undefined;
  const complete = async (submission: Submission, record: R): Promise<R> => {
    if (!definition.completeDelivery) return record;
    try {
      await definition.completeDelivery(adapter, input(submission), record, documents);
    } catch (error) {
      // Always retried (never a rejection: the application is in the ministry's system already), with backoff.
      log.warn({ err: error, externalReference: submission.externalReference }, 'delivery incomplete; the outbox retries it');
      throw Object.assign(new Error(`delivery incomplete: ${error instanceof Error ? error.message : String(error)}`), { code: 'DELIVERY_INCOMPLETE', retryable: true });
    }
    return record;
  };
  const outbox = createMinistryOutbox<R>({
    name,
    system,
    config: config.outbox,
    delivery: {
      find: async (submission) => {
        const found = await adapter.findDossierByExternalReference(submission.externalReference, submission.applicantNiu);
        return found === null ? null : complete(submission, found);
      },
      create: async (submission) => complete(submission, await (definition.deliver ? definition.deliver(adapter, input(submission)) : adapter.submitDossier(input(submission)))),
    },
    log,
    ...(stores.outboxStore ? { store: stores.outboxStore } : {}),
  });
  const lastKnown = stores.lastKnown;
  // Status polls the change feed proves unchanged are answered without a legacy call (docs/performance.md).
  const fresh = config.freshness ? startFeedFreshness<KnownRecord<R>>({ system, config: config.freshness, internalTokenSecret: config.server.INTERNAL_TOKEN_SECRET, log }) : null;
  // The outbox first (its forwarder may still be recording a delivery), then the pool it shares.
  const closeStores = () => Promise.all([fresh?.close(), outbox.close().finally(() => stores.close()), documents?.close()]).then(() => undefined);
  // One key per ministry, derived from the secret every replica shares: a seal made by one opens at any other.
  const sealing =
    config.listingSeal.maxSealed > 0 ? countedListingSeal(createListingSeal({ secret: config.server.INTERNAL_TOKEN_SECRET, subgraph: name, ttlMs: config.server.REQUEST_DEADLINE_MS }), system) : null;
  const parts = {
    system,
    ministry: row.code,
    referencePrefix: row.system.referencePrefix,
    adapter: forRequests,
    outbox,
    lastKnown,
    inputSchema: definition.inputSchema,
    queuedRecord,
    notFoundMessage: definition.notFoundMessage,
    ...(documents ? { documents } : {}),
    ...(fresh ? { freshness: fresh } : {}),
    ...(sealing ? { listingSeal: { seal: sealing.seal, maxSealed: config.listingSeal.maxSealed } } : {}),
  };
  const stopCompanion = definition.companion?.(log, config.adapter) ?? (() => {});
  outbox.start();
  const authenticate = createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET);
  try {
    const service = await startSubgraphServer({
      name,
      schema: await definition.buildSchema(),
      env: config.server,
      log,
      authenticate,
      // The outbox as a feed of outcomes, read by the supervision subgraph (SUBMISSION_DELIVERED / _REJECTED events).
      routes: { [`GET ${OUTBOX_OUTCOMES_PATH}`]: createOutboxOutcomesRoute({ store: outbox.store, system, ministry: row.code, authenticate, log }) },
      context: async (caller) => {
        const base = createMinistryContext<R, I, A>(parts, caller.principal, caller.traceId);
        return definition.context ? definition.context(base) : base;
      },
      onClose: closeStores,
      readiness: ministryReadiness(system, outbox, stores.health),
      stores: stores.health,
      system,
      backlog: () => outbox.backlog(),
      registerMetrics: (registry: Registry) => {
        fresh?.registerMetrics(registry);
        sealing?.registerMetrics(registry);
      },
      cacheHints: dossierCacheHints(row, definition.cacheHints),
    });
    return {
      ...service,
      async close() {
        await service.close();
        stopCompanion();
      },
    };
  } catch (error) {
    await closeStores();
    stopCompanion();
    throw error;
  }
}
