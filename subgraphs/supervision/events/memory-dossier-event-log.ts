import { formatCursor, parseCursor, type DossierEvent } from '../../../events/index.js';
import type { DossierEventLog } from './dossier-event-log.js';
import type { NewDossierEvent } from './new-dossier-event.js';

export interface MemoryDossierEventLog extends DossierEventLog {
  append(events: readonly NewDossierEvent[]): void;
}

/** The event log in the process (the memory read-model store: tests, throw-away stacks). */
export function createMemoryDossierEventLog(clock: () => number = Date.now): MemoryDossierEventLog {
  const entries: { seq: number; appendedMs: number; event: DossierEvent }[] = [];
  let last = 0;
  let prunedThrough = 0;
  return {
    append(events) {
      const appendedMs = clock();
      for (const event of events) {
        last += 1;
        entries.push({ seq: last, appendedMs, event: { cursor: formatCursor(last), ...event } });
      }
    },
    async readAfter(after, limit) {
      const asked = parseCursor(after);
      if (asked === null) throw new RangeError(`not a cursor: ${after}`);
      const outside = asked < BigInt(prunedThrough) || asked > BigInt(last);
      const from = outside ? prunedThrough : Number(asked);
      const events = entries
        .filter((e) => e.seq > from)
        .slice(0, limit)
        .map((e) => e.event);
      return { events, reset: outside ? { oldest: formatCursor(entries[0]?.seq ?? last) } : null };
    },
    async head() {
      return formatCursor(last);
    },
    async prune(beforeMs) {
      let count = 0;
      while (entries[0] !== undefined && entries[0].appendedMs < beforeMs) {
        prunedThrough = entries[0].seq;
        entries.shift();
        count += 1;
      }
      return count;
    },
  };
}
