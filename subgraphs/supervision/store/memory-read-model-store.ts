import type { LegacySystem } from '../../../adapters/shared/index.js';
import type { DossierFact } from '../read-model/index.js';
import type { ReadModelStore } from './read-model-store.js';

/** Kept in the process only (tests, throw-away stacks): a restart reads every feed again. */
export function createMemoryReadModelStore(): ReadModelStore {
  const facts = new Map<string, DossierFact>();
  const cursors = new Map<LegacySystem, number>();
  return {
    async load() {
      return { facts: [...facts.values()], cursors: new Map(cursors) };
    },
    async save(system, batch, cursorMs) {
      for (const fact of batch) facts.set(fact.key, fact);
      cursors.set(system, cursorMs);
    },
    async close() {},
  };
}
