/** An event as a subscriber receives it (the fields the tally reads). */
export interface ReceivedEvent {
  readonly cursor: string;
  readonly type: string;
  readonly reference: string;
  readonly status: string;
}

/** One change made in a simulator, and the events its owner must then receive. */
export interface ExpectedChange {
  readonly reference: string;
  readonly status: string;
  readonly types: readonly string[];
  /** When the admin call was sent (ms, the tally's clock). */
  readonly startedMs: number;
}

export interface TallyResult {
  /** Changes whose every expected event arrived. */
  readonly completed: number;
  /** From the admin call to the receipt of the change's STATUS_CHANGED, ms, one per change that got it. */
  readonly latenciesMs: readonly number[];
  /** The same, by the group each receipt was tagged with (the transport). */
  readonly latenciesByGroup: Readonly<Record<string, readonly number[]>>;
  /** Events the changes owed and that never came (expired). */
  readonly missed: number;
  /** An event a subscriber received twice (same cursor), or a change's event type received twice. */
  readonly duplicated: number;
  /** Events of no change made (e.g. an earlier change's, after it expired): reported, not counted as errors. */
  readonly unexpected: number;
  /** Every event received, counted once per receipt. */
  readonly received: number;
}

interface Pending extends ExpectedChange {
  readonly received: Set<string>;
}

/**
 * Matches the events subscribers receive to the changes made: a change is pending until each of its expected
 * event types arrived, or until it expires (its missing events are then missed). One change per reference at a
 * time: a feed that reads two changes of one dossier in one poll reports only the last, so the caller must wait.
 */
export function createEventTally() {
  const pending = new Map<string, Pending>();
  const cursors = new Map<string, Set<string>>();
  const latencies: number[] = [];
  const byGroup: Record<string, number[]> = {};
  let completed = 0;
  let missed = 0;
  let duplicated = 0;
  let unexpected = 0;
  let received = 0;
  return {
    /** Registers a change just made; throws when its reference still has one pending. */
    expect(change: ExpectedChange): void {
      if (pending.has(change.reference)) throw new Error(`${change.reference} already has a change pending`);
      pending.set(change.reference, { ...change, received: new Set() });
    },
    isPending: (reference: string): boolean => pending.has(reference),
    get pendingCount(): number {
      return pending.size;
    },
    /** Forgets a change that was not made after all (the admin call failed). */
    cancel(reference: string): void {
      pending.delete(reference);
    },
    /** One event received by `subscriber` (of `group`) at `atMs`; returns true when it completed its change. */
    receive(subscriber: string, event: ReceivedEvent, atMs: number, group = 'all'): boolean {
      received += 1;
      const seen = cursors.get(subscriber) ?? new Set<string>();
      cursors.set(subscriber, seen);
      if (seen.has(event.cursor)) {
        duplicated += 1;
        return false;
      }
      seen.add(event.cursor);
      const change = pending.get(event.reference);
      if (!change || change.status !== event.status || !change.types.includes(event.type)) {
        unexpected += 1;
        return false;
      }
      if (change.received.has(event.type)) {
        duplicated += 1;
        return false;
      }
      change.received.add(event.type);
      if (event.type === 'STATUS_CHANGED') {
        latencies.push(atMs - change.startedMs);
        (byGroup[group] ??= []).push(atMs - change.startedMs);
      }
      if (change.received.size < change.types.length) return false;
      pending.delete(event.reference);
      completed += 1;
      return true;
    },
    /** Gives up on the changes made more than `timeoutMs` before `nowMs`: their missing events count as missed. */
    expire(nowMs: number, timeoutMs: number): string[] {
      const expired: string[] = [];
      for (const [reference, change] of pending) {
        if (nowMs - change.startedMs <= timeoutMs) continue;
        missed += change.types.length - change.received.size;
        pending.delete(reference);
        expired.push(reference);
      }
      return expired;
    },
    result(): TallyResult {
      return { completed, latenciesMs: [...latencies], latenciesByGroup: Object.fromEntries(Object.entries(byGroup).map(([g, v]) => [g, [...v]])), missed, duplicated, unexpected, received };
    },
  };
}

export type EventTally = ReturnType<typeof createEventTally>;
