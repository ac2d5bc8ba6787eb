import cluster, { type Worker } from 'node:cluster';
import { createGatewayAuditStore, openGatewayAuditStore } from '../../audit/index.js';
import type { Logger } from '../../lib/log/index.js';
import { createStoreHealthRegistry } from '../../lib/store-health/index.js';
import type { RunningService } from '../../lib/service/index.js';
import type { GatewayConfig } from '../config.js';
import { createClusterMetrics, createGatewayMetrics } from '../metrics/index.js';
import { openConfiguredRecordWriter } from '../request-records/index.js';
import { createMemoryRateLimitStore } from '../rate-limit/index.js';
import { startSupergraphTriggers, type SupergraphChange } from '../supergraph/index.js';
import { isLifecycleMessage, type LifecycleMessage, type SupergraphReloadMessage } from './ipc-messages.js';
import { relayClusterBus } from './cluster-event-bus.js';
import { servePrimaryCalls, type PrimaryState } from './primary-channel.js';

/** How long a worker may take to load the supergraph and listen. */
const workerStartTimeoutMs = 60_000;
/** How long a worker may take to drain on shutdown before it is killed. */
const workerStopTimeoutMs = 15_000;

/**
 * `WORKERS` > 1: this (primary) process owns what must be one — the audit chain's single writer (and checkpointer), the rate-limit
 * state, the operational records' writer, the sum of every worker's metrics — and forks the workers that serve HTTP on one shared port (node:cluster hands connections round-robin).
 * A worker that dies unexpectedly is replaced. Resolves once every worker listens.
 */
export async function startGatewayCluster(config: GatewayConfig, log: Logger): Promise<RunningService> {
  // The primary alone writes the trail and reports it to the witness; workers go through it.
  const auditStore = createGatewayAuditStore(config.audit, log);
  await openGatewayAuditStore(auditStore, config.audit, log, { workers: config.workers });
  // The primary's own figures (records written, its process) join the workers' at each scrape.
  const metrics = createGatewayMetrics();
  const clusterMetrics = createClusterMetrics(metrics.registry);
  const records = openConfiguredRecordWriter(config.requestRecords, log, metrics);
  // The stores on a server (PostgreSQL with DATABASE_URL), owned here, in the cluster's /metrics.
  const storeHealth = createStoreHealthRegistry(metrics.registry);
  for (const health of [auditStore.health, records?.health]) if (health) storeHealth.add(health);
  const state: PrimaryState = { auditStore, rateLimitStore: createMemoryRateLimitStore({ maxKeys: config.rateLimit.maxKeys }), records, clusterMetrics: () => clusterMetrics.render() };
  let stopping = false;
  const workers = new Set<Worker>();
  // The last polled text, for a worker started since: it read only the file.
  let lastUrlChange: SupergraphChange | undefined;
  const relay = (worker: Worker, change: SupergraphChange) => {
    const message: SupergraphReloadMessage = { kind: 'guichet.supergraph-reload', change };
    if (worker.isConnected()) worker.send(message);
  };

  const fork = (): Promise<string> => {
    const worker = cluster.fork({ GUICHET_GATEWAY_WORKER: '1' });
    workers.add(worker);
    servePrimaryCalls(worker, state, log);
    // What one worker drops for a caller after their mutation, every worker drops.
    relayClusterBus(worker, () => workers);
    clusterMetrics.attach(worker);
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      log.error({ worker: worker.id, code, signal }, 'gateway worker died; starting another');
      fork().then(
        () => log.info({ workers: workers.size }, 'replacement gateway worker listening'),
        (error: unknown) => log.error({ err: error }, 'replacement gateway worker did not start'),
      );
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway worker ${worker.id} did not listen within ${workerStartTimeoutMs} ms`)), workerStartTimeoutMs);
      const onMessage = (message: unknown) => {
        if (!isLifecycleMessage(message) || message.kind !== 'guichet.listening') return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        if (lastUrlChange !== undefined) relay(worker, lastUrlChange);
        resolve(message.url);
      };
      worker.on('message', onMessage);
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`gateway worker ${worker.id} exited (${code}) before listening`));
      });
    });
  };

  const stopWorkers = () =>
    Promise.all(
      [...workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), workerStopTimeoutMs);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            const shutdown: LifecycleMessage = { kind: 'guichet.shutdown' };
            if (worker.isConnected()) worker.send(shutdown);
            else worker.process.kill('SIGTERM');
          }),
      ),
    );

  let urls: string[];
  try {
    urls = await Promise.all(Array.from({ length: config.workers }, () => fork()));
  } catch (error) {
    stopping = true;
    await stopWorkers();
    await auditStore.close();
    await records?.close();
    throw error;
  }
  // The primary hears SIGHUP, watches the file or polls the URL, and every worker reloads on its own.
  const stopTriggers = startSupergraphTriggers({ path: config.supergraphPath, ...config.supergraphReload, log }, (change) => {
    if (change.trigger === 'url') lastUrlChange = change;
    log.info({ trigger: change.trigger, workers: workers.size }, 'relaying a supergraph change to the workers');
    for (const worker of workers) relay(worker, change);
  });
  let closing: Promise<void> | undefined;
  return {
    url: urls[0] ?? '',
    close: () =>
      (closing ??= (async () => {
        stopping = true;
        stopTriggers();
        await stopWorkers();
        await auditStore.close();
        // Workers flush their last records before they exit: close after them.
        await records?.close();
      })()),
  };
}
