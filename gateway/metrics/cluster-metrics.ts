import type { Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { isMetricsReply, type MetricsRequestMessage } from '../workers/ipc-messages.js';

export interface ClusterMetrics {
  /** Starts asking `worker` for its figures at each scrape (until it exits). */
  attach(worker: Worker): void;
  /** The exposition text of the whole gateway: every worker's registry and the primary's, summed. */
  render(): Promise<string>;
}

/**
 * The primary's side of cluster-wide metrics: a scrape that reached any worker comes here (over the workers' call
 * channel), every worker is asked for its registry as JSON, and prom-client's AggregatorRegistry sums them (process
 * metrics by their own rules). A worker that does not answer within `timeoutMs` is left out of that scrape.
 */
export function createClusterMetrics(primary: Registry, timeoutMs = 2_000): ClusterMetrics {
  const workers = new Set<Worker>();
  const waiting = new Map<number, (metrics: unknown[] | undefined) => void>();
  let nextId = 1;

  const ask = (worker: Worker) =>
    new Promise<unknown[] | undefined>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(undefined);
      }, timeoutMs);
      waiting.set(id, (metrics) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(metrics);
      });
      const request: MetricsRequestMessage = { kind: 'guichet.metrics-request', id };
      worker.send(request);
    });

  return {
    attach(worker) {
      workers.add(worker);
      worker.on('message', (message: unknown) => {
        if (isMetricsReply(message)) waiting.get(message.id)?.(message.metrics);
      });
      worker.once('exit', () => workers.delete(worker));
    },
    async render() {
      const answers = await Promise.all([...workers].filter((worker) => worker.isConnected()).map(ask));
      const parts = answers.filter((metrics): metrics is unknown[] => metrics !== undefined);
      const aggregated = AggregatorRegistry.aggregate([await primary.getMetricsAsJSON(), ...parts] as Parameters<typeof AggregatorRegistry.aggregate>[0]);
      return aggregated.metrics();
    },
  };
}
