import { createSizedCache } from '../../../lib/cache/index.js';
import { procedures, type Procedure } from '../../../schema/index.js';
import { computeOverview, type Overview, type OverviewQuery } from './compute-overview.js';
import type { DossierFact } from './dossier-fact.js';
import { FactTable } from './fact-table.js';

export interface ReadModelOptions {
  /** Procedures and their legal delays; default the portal's catalogue (schema/procedures.ts). */
  readonly catalogue?: readonly Procedure[];
  /** Views kept for repeated queries until the next change. Default 32. */
  readonly maxCachedViews?: number;
  /** The aggregation floor: groups of fewer dossiers are not listed (computeOverview). Default 1: every group. */
  readonly minGroupSize?: number;
}

export interface ApplyResult {
  /** New dossiers, or new versions that move a figure. */
  readonly changed: number;
  /** Dossiers whose procedure is not in the catalogue: not counted. */
  readonly ignored: number;
}

/** The processing figures of every dossier the change feeds reported, kept up to date one version at a time. */
export interface ReadModel {
  /** Adds dossiers or replaces their previous versions. */
  apply(facts: Iterable<DossierFact>): ApplyResult;
  /** Dossiers held. */
  readonly size: number;
  /** Moves whenever a figure may have changed. */
  readonly revision: number;
  /** The aggregation floor in force (ReadModelOptions.minGroupSize). */
  readonly minGroupSize: number;
  /** The figures of the dossiers the query selects, ages and delays measured at `asOfMs`. */
  overview(query: OverviewQuery, asOfMs: number): Overview;
}

/**
 * In memory: a table of number columns and the views computed from it. A view is one pass over the table; the
 * same view asked again (several screens, one filter) is answered from a cache until the next change or instant.
 */
export function createReadModel(options: ReadModelOptions = {}): ReadModel {
  const table = new FactTable(options.catalogue ?? procedures);
  // At least one view, the last asked, is always kept.
  const cache = createSizedCache<Overview>({ maxEntries: Math.max(1, Math.ceil(options.maxCachedViews ?? 32)) });
  const minGroupSize = Math.max(1, Math.floor(options.minGroupSize ?? 1));
  let revision = 0;
  let cacheStamp = '';
  return {
    apply(facts) {
      let changed = 0;
      let ignored = 0;
      for (const fact of facts) {
        const outcome = table.upsert(fact);
        if (outcome === 'changed') changed += 1;
        else if (outcome === 'ignored') ignored += 1;
      }
      if (changed > 0) revision += 1;
      return { changed, ignored };
    },
    get size() {
      return table.size;
    },
    get revision() {
      return revision;
    },
    minGroupSize,
    overview(query, asOfMs) {
      const stamp = `${revision}@${asOfMs}`;
      if (stamp !== cacheStamp) {
        cache.clear();
        cacheStamp = stamp;
      }
      const key = JSON.stringify([query.ministry ?? null, query.procedure ?? null, query.from ?? null, query.to ?? null, query.commune ?? null]);
      // `peek`: the oldest view computed goes first when the cache is full, however often it is asked since.
      const cached = cache.peek(key);
      if (cached) return cached;
      const view = computeOverview(table, query, asOfMs, { minGroupSize });
      cache.set(key, view);
      return view;
    },
  };
}
