import { Counter, Gauge, type Registry } from 'prom-client';

/** How a reload ended: a new supergraph served, the same text again, or one refused (the previous one still served). */
export type ReloadOutcome = 'applied' | 'unchanged' | 'refused';

export const reloadOutcomes: readonly ReloadOutcome[] = ['applied', 'unchanged', 'refused'];

export interface SupergraphMetrics {
  reloaded(outcome: ReloadOutcome): void;
  /** This process now serves `hash`. */
  serving(hash: string): void;
  /** Gateways retired by a reload that still finish requests (read at scrape time). */
  watchDraining(count: () => number): void;
}

/**
 * `guichet_supergraph_reloads_total{outcome}`, `guichet_supergraph_info{hash}` (1 per process serving that hash:
 * summed over a cluster's workers, it says how many serve each) and `guichet_supergraph_draining`.
 */
export function createSupergraphMetrics(registry: Registry): SupergraphMetrics {
  const registers = [registry];
  const reloads = new Counter({ name: 'guichet_supergraph_reloads_total', help: 'Supergraph reloads, by outcome: applied, unchanged, refused.', labelNames: ['outcome'], registers });
  // Present at 0 from the start, so that an alert on refusals has a series to watch.
  for (const outcome of reloadOutcomes) reloads.inc({ outcome }, 0);
  const info = new Gauge({ name: 'guichet_supergraph_info', help: 'The supergraph each process serves (1 per process, by the hash of its text).', labelNames: ['hash'], registers });
  let draining: () => number = () => 0;
  new Gauge({
    name: 'guichet_supergraph_draining',
    help: 'Gateways replaced by a reload that still finish the requests they started (released at 0).',
    registers,
    collect() {
      this.set(draining());
    },
  });
  return {
    reloaded: (outcome) => reloads.inc({ outcome }),
    serving(hash) {
      info.reset();
      info.set({ hash }, 1);
    },
    watchDraining: (count) => void (draining = count),
  };
}
