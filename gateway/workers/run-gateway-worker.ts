import cluster from 'node:cluster';
import { createLogger } from '../../lib/log/index.js';
import { readGatewayConfig } from '../config.js';
import { answerMetricsRequests, createGatewayMetrics } from '../metrics/index.js';
import { startGateway, type RunningGateway } from '../start-gateway.js';
import type { SupergraphChange } from '../supergraph/index.js';
import { createWorkerEventBus } from './cluster-event-bus.js';
import { isLifecycleMessage, isSupergraphReloadMessage, type LifecycleMessage } from './ipc-messages.js';
import { createPrimaryAuditStore, createPrimaryRecordSink, createPrimaryRateLimitStore, createWorkerChannel } from './worker-channel.js';

/**
 * A gateway worker: serves HTTP with the primary's audit chain and rate-limit state, tells the primary its URL, and
 * stops when the primary says so — or when the primary is gone (nobody left to seal the audit trail).
 */
export async function runGatewayWorker(): Promise<void> {
  // The primary validated the same environment before forking.
  const config = readGatewayConfig(process.env);
  const log = createLogger('gateway').child({ worker: cluster.worker?.id ?? 0 });
  const channel = createWorkerChannel();
  let service: RunningGateway | undefined;
  // A change relayed while this worker still starts is applied once it serves.
  let pendingChange: SupergraphChange | undefined;
  let stopping = false;
  const stop = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'gateway worker stopping');
    // Asked to stop while still starting: nothing is served yet, nothing to drain.
    if (service === undefined) process.exit(code);
    service.close().then(
      () => process.exit(code),
      (error: unknown) => {
        log.error({ err: error }, 'error while stopping the gateway worker');
        process.exit(1);
      },
    );
  };
  // Listened for before starting: a shutdown may come while the supergraph loads.
  process.on('message', (message: unknown) => {
    if (isLifecycleMessage(message) && message.kind === 'guichet.shutdown') stop('primary asked', 0);
    if (isSupergraphReloadMessage(message)) {
      if (service === undefined) pendingChange = message.change;
      else void service.reloadSupergraph(message.change);
    }
  });
  process.on('disconnect', () => stop('primary gone', 1));
  // Ctrl-C reaches the whole process group: the primary coordinates the stop, so the workers wait for it.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  // SIGHUP too (a closed terminal sends it to the group; `kill -HUP` the primary to reload): the primary relays it.
  process.on('SIGHUP', () => undefined);
  const metrics = createGatewayMetrics();
  answerMetricsRequests(metrics.registry);
  // Without Redis, the workers share their callers' invalidations through the primary (with it, Redis carries them).
  const workersBus = createWorkerEventBus();
  const withWorkersBus = config.redisUrl === undefined ? { ...config, sharedReads: { ...config.sharedReads, acrossReplicas: { bus: workersBus } } } : config;
  service = await startGateway(withWorkersBus, log, {
    auditStore: createPrimaryAuditStore(channel),
    rateLimitStore: createPrimaryRateLimitStore(channel),
    observability: { metrics, records: createPrimaryRecordSink(channel, metrics, log), renderMetrics: () => channel.call({ method: 'metrics.cluster' }) },
  });
  if (stopping) {
    await service.close();
    process.exit(0);
  }
  if (pendingChange !== undefined) void service.reloadSupergraph(pendingChange);
  const listening: LifecycleMessage = { kind: 'guichet.listening', url: service.url };
  process.send?.(listening);
}
