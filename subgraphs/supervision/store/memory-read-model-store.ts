import type { LegacySystem } from '../../../adapters/shared/index.js';
import { createMemoryDossierEventLog } from '../events/index.js';
import type { DossierFact } from '../read-model/index.js';
import type { ReadModelStore } from './read-model-store.js';

/** Kept in the process only (tests, throw-away stacks): a restart reads every feed again. */
export function createMemoryReadModelStore(clock: () => number = Date.now): ReadModelStore {
  const facts = new Map<string, DossierFact>();
  const cursors = new Map<LegacySystem, number>();
  const events = createMemoryDossierEventLog(clock);
  const outboxCursors = new Map<string, string>();
  return {
    events,
    async load() {
      return { facts: [...facts.values()], cursors: new Map(cursors) };
    },
    async save(system, batch, cursorMs, made = []) {
      for (const fact of batch) facts.set(fact.key, fact);
      cursors.set(system, cursorMs);
      events.append(made);
    },
    async saveOutcomes(source, cursor, made) {
      outboxCursors.set(source, cursor);
      events.append(made);
    },
    async outboxCursors() {
      return new Map(outboxCursors);
    },
    async close() {},
  };
}
