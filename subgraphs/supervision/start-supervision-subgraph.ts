import { Gauge } from 'prom-client';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, startSubgraphServer } from '../shared/index.js';
import { buildSupervisionSchema } from './build-supervision-schema.js';
import type { SupervisionConfig } from './config.js';
import { createSupervisionContext } from './context.js';
import { createDossierEventStream, createFeedReadBroadcast, createWakeups } from './events/index.js';
import { registerProcedureMetrics } from './procedure-metrics.js';
import { createReadModel } from './read-model/index.js';
import { startIngestion, type RunningIngestion } from './start-ingestion.js';

/**
 * The supervision subgraph: the read model fed by every ministry's change feed (resumed from its store), and the API
 * over it. It serves at once; `/ready` says degraded until every system's initial load is done. With `DATABASE_URL`,
 * one replica of several ingests (the leader) and every replica serves.
 */
export async function startSupervisionSubgraph(config: SupervisionConfig, log: Logger): Promise<RunningService> {
  const model = createReadModel({ minGroupSize: config.minGroupSize });
  const appended = createWakeups();
  const feedReads = createFeedReadBroadcast();
  const ingestion = await startIngestion(
    config,
    model,
    log,
    () => appended.wake(),
    (read) => {
      feedReads.publish(read);
      // A follower learns of the leader's appends from its relayed feed read (saved with them): its streams read the
      // log now rather than at the next head check (DOSSIER_EVENTS_POLL_MS).
      if (read.references.length > 0) appended.wake();
    },
  );
  const supervision = { model, ingestion: () => ingestion.status(), clock: Date.now, alertThresholds: config.alertThresholds };
  const authenticate = createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET);
  const stream = createDossierEventStream({
    log: ingestion.events,
    authenticate,
    logger: log,
    wakeups: appended,
    feedReads,
    heartbeatMs: config.events.heartbeatMs,
    maxStreams: config.events.maxStreams,
    maxBufferedBytes: config.events.maxBufferedBytes,
    stallMs: config.events.stallMs,
    pollMs: config.events.pollMs,
  });
  const pruning = startEventPruning(ingestion, config.events.retentionMs, log);
  try {
    return await startSubgraphServer({
      name: 'supervision',
      schema: await buildSupervisionSchema(),
      env: config.server,
      log,
      authenticate,
      routes: { 'GET /internal/dossier-events': stream.handler },
      onStopping: () => stream.close(),
      context: async (caller) => createSupervisionContext(caller, supervision),
      readiness: async () => {
        const status = ingestion.status();
        const store = ingestion.store.status();
        return {
          degraded: !status.initialLoadComplete || status.unavailable.length > 0 || !store.up,
          dossiers: model.size,
          asOf: status.asOfMs === null ? null : new Date(status.asOfMs).toISOString(),
          feeds: Object.fromEntries(status.feeds.map((f) => [f.system, { loaded: f.loaded, lastFailureCode: f.lastFailure?.code ?? null }])),
          leader: ingestion.leading(),
          stores: [store],
        };
      },
      stores: [ingestion.store],
      registerMetrics: (registry) => {
        new Gauge({
          name: 'guichet_supervision_leader',
          help: 'Whether this replica ingests the change feeds into the supervision read model (1) or follows the one that does (0).',
          registers: [registry],
          collect() {
            this.set(ingestion.leading() ? 1 : 0);
          },
        });
        registerProcedureMetrics(registry, supervision);
      },
      onClose: async () => {
        clearInterval(pruning);
        await ingestion.close();
      },
    });
  } catch (error) {
    clearInterval(pruning);
    await stream.close();
    await ingestion.close();
    throw error;
  }
}

/** How often the leader deletes the events older than the retention: a bound on the log, not a precise expiry. */
const PRUNE_EVERY_MS = 10 * 60_000;

/** The leader prunes the event log at start and every ten minutes; the other replicas leave it to it. */
function startEventPruning(ingestion: RunningIngestion, retentionMs: number, log: Logger): NodeJS.Timeout {
  const prune = () => {
    if (!ingestion.leading()) return;
    ingestion.events.prune(Date.now() - retentionMs).then(
      (count) => count > 0 && log.info({ pruned: count }, 'dossier events: older than the retention, pruned'),
      (error: unknown) => log.warn({ err: error }, 'dossier events: pruning failed, retried later'),
    );
  };
  prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return timer;
}
