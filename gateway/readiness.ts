import type { PooledDataSource } from './pooled-data-source.js';

export type SubgraphHealth = 'up' | 'down';

export interface Readiness {
  readonly ready: boolean;
  readonly subgraphs: Readonly<Record<string, SubgraphHealth>>;
}

/** Asks every subgraph's `GET /health` in parallel; ready only when all answer in time. */
export async function checkReadiness(dataSources: Iterable<PooledDataSource>, timeoutMs: number): Promise<Readiness> {
  const results = await Promise.all(
    [...dataSources].map(async (source) => [source.name, (await source.isHealthy(timeoutMs)) ? 'up' : 'down'] as const),
  );
  return { ready: results.every(([, health]) => health === 'up'), subgraphs: Object.fromEntries(results) };
}
