import type { StoreHealth } from '../../../lib/store-health/index.js';
import type { ReadModelStore } from './read-model-store.js';

/** The same store, each operation recorded in `health` (whether it reached its file or server), for /ready and /metrics. */
export function trackedReadModelStore(store: ReadModelStore, health: StoreHealth): ReadModelStore {
  return {
    load: () => health.track(() => store.load()),
    save: (system, facts, cursorMs, events) => health.track(() => store.save(system, facts, cursorMs, events)),
    saveOutcomes: (source, cursor, events) => health.track(() => store.saveOutcomes(source, cursor, events)),
    outboxCursors: () => health.track(() => store.outboxCursors()),
    events: {
      readAfter: (after, limit) => health.track(() => store.events.readAfter(after, limit)),
      head: () => health.track(() => store.events.head()),
      prune: (beforeMs) => health.track(() => store.events.prune(beforeMs)),
    },
    close: () => store.close(),
  };
}
