import { Gauge, type Registry } from 'prom-client';
import type { StoreHealth, StoreStatus } from './store-health.js';

/** Every store of one process, read by `/ready` (as `stores`) and exported to `/metrics`. */
export interface StoreHealthRegistry {
  add(health: StoreHealth): void;
  statuses(): readonly StoreStatus[];
  /** True when every store that must be up to serve (`fail-closed`) is up. */
  allFailClosedUp(): boolean;
}

/**
 * `guichet_store_up{store,engine}` (1/0) and `guichet_store_failures_total{store,engine}`, read at scrape time.
 * Pass no registry for a process without /metrics.
 */
export function createStoreHealthRegistry(registry?: Registry): StoreHealthRegistry {
  const healths: StoreHealth[] = [];
  const statuses = () => healths.map((health) => health.status());
  if (registry) {
    new Gauge({
      name: 'guichet_store_up',
      help: 'Whether the store answered its last operation (1) or not (0).',
      labelNames: ['store', 'engine'],
      // node:cluster workers' gauges are merged by the primary: a store is up only if it is up for every worker.
      aggregator: 'min',
      registers: [registry],
      collect() {
        this.reset();
        for (const status of statuses()) this.set({ store: status.store, engine: status.engine }, status.up ? 1 : 0);
      },
    });
    new Gauge({
      name: 'guichet_store_failures_total',
      help: 'Store operations that failed to reach their server, since start.',
      labelNames: ['store', 'engine'],
      registers: [registry],
      collect() {
        this.reset();
        for (const status of statuses()) this.set({ store: status.store, engine: status.engine }, status.failures);
      },
    });
  }
  return {
    add: (health) => {
      healths.push(health);
    },
    statuses,
    allFailClosedUp: () => statuses().every((status) => status.up || status.whileDown !== 'fail-closed'),
  };
}
