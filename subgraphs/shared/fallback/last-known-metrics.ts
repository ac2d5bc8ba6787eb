import type { LegacySystem } from '../../../adapters/shared/index.js';

/** Fallbacks of one system since start (or `reset()`), counted per key asked while it could not answer. */
export interface LastKnownCounters {
  /** Records served stale instead of an error. */
  readonly hits: number;
  /** Records asked for which nothing was remembered (or nothing the caller may see): they got the error. */
  readonly misses: number;
  /** Lists (a citizen's dossiers of one ministry) served stale. */
  readonly listHits: number;
  readonly listMisses: number;
}

/** `unknown`: a failure that named no system, possible only with a custom `isUnavailable`. */
export type FallbackSystem = LegacySystem | 'unknown';

export interface LastKnownMetrics {
  recordFallback(system: FallbackSystem, outcome: { readonly hits: number; readonly misses: number }): void;
  recordListFallback(system: FallbackSystem, hit: boolean): void;
  /** Counters per system that fell back at least once. */
  snapshot(): Partial<Record<FallbackSystem, LastKnownCounters>>;
  /** Back to zero (tests). */
  reset(): void;
}

interface MutableCounters {
  hits: number;
  misses: number;
  listHits: number;
  listMisses: number;
}

/** Kept free of any metrics library, like the policy events: a later exporter reads `snapshot()`. */
export function createLastKnownMetrics(): LastKnownMetrics {
  const counters = new Map<FallbackSystem, MutableCounters>();
  const of = (system: FallbackSystem): MutableCounters => {
    let c = counters.get(system);
    if (!c) counters.set(system, (c = { hits: 0, misses: 0, listHits: 0, listMisses: 0 }));
    return c;
  };
  return {
    recordFallback(system, { hits, misses }) {
      const c = of(system);
      c.hits += hits;
      c.misses += misses;
    },
    recordListFallback(system, hit) {
      const c = of(system);
      if (hit) c.listHits += 1;
      else c.listMisses += 1;
    },
    snapshot() {
      const out: Partial<Record<FallbackSystem, LastKnownCounters>> = {};
      for (const [system, c] of counters) out[system] = { ...c };
      return out;
    },
    reset() {
      counters.clear();
    },
  };
}

/** The process-wide registry every last-known loader counts into unless given another. */
export const lastKnownMetrics: LastKnownMetrics = createLastKnownMetrics();
