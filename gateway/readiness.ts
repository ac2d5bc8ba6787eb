import type { StoreHealthRegistry, StoreStatus } from '../lib/store-health/index.js';
import type { PooledDataSource } from './subgraph-fetch/index.js';

export interface Readiness {
  /** Every subgraph answered: the gateway can serve (perhaps degraded). */
  readonly ready: boolean;
  /** Some legacy circuit is not closed, or applications wait in an outbox: answers may be partial or queued. */
  readonly degraded: boolean;
  /** Each subgraph's own report (`down` when it did not answer). */
  readonly subgraphs: Readonly<Record<string, Record<string, unknown> | 'down'>>;
}

/** Asks every subgraph's `GET /ready` in parallel; ready only when all answer in time. */
export async function checkReadiness(dataSources: Iterable<PooledDataSource>, timeoutMs: number): Promise<Readiness> {
  const results = await Promise.all([...dataSources].map(async (source) => [source.name, (await source.readiness(timeoutMs)) ?? 'down'] as const));
  const ready = results.every(([, report]) => report !== 'down');
  const degraded = results.some(([, report]) => report !== 'down' && report.status === 'degraded');
  return { ready, degraded, subgraphs: Object.fromEntries(results) };
}

export interface StoresReadiness {
  /** Every store the gateway cannot serve without (`fail-closed`) is up. */
  readonly ready: boolean;
  /** Some store is down and the gateway serves without it (the rate limiter alone, caches missing): still ready. */
  readonly degraded: boolean;
  /** Each store's status, for `/ready`'s `stores`. */
  readonly stores: readonly StoreStatus[];
}

/**
 * The stores' part of `/ready`, from their own operations (lib/store-health): Redis down leaves the gateway ready but
 * degraded — it limits rates per process and reads without the shared caches — while a fail-closed store (the audit
 * trail) down makes it not ready.
 */
export function storesReadiness(registry: StoreHealthRegistry): StoresReadiness {
  const stores = registry.statuses();
  return { ready: registry.allFailClosedUp(), degraded: stores.some((store) => !store.up), stores };
}
