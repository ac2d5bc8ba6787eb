import type { FeedFreshness } from './feed-freshness.js';

/** What the last-known wrapper answers per key, as far as freshness cares: a record (fresh or `stale`) or an error. */
type Answer<V> = V | Error;

/** A kept record served because the change feed proves it unchanged: not stale, `asOf` the instant it is proven at. */
export type Proven<V> = V & { readonly stale: false; readonly asOf: string };

export interface FeedFreshnessCounters {
  /** Keys answered from kept records (no legacy call), and keys sent to the legacy system. */
  count(proven: number, fromLegacy: number): void;
}

/**
 * Wraps a ministry's batch read by reference (the last-known wrapper's output, so that a proven record is not
 * remembered again and a stale answer is never kept): each key the feed proves unchanged is answered from the
 * record kept for it; the others are read from the legacy system in one batch, and its fresh answers kept.
 */
export function withFeedFreshness<V extends { readonly stale: boolean }>(
  fetchMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, Answer<V>>>,
  freshness: FeedFreshness<V>,
  counters: FeedFreshnessCounters = { count: () => undefined },
): (keys: readonly string[]) => Promise<ReadonlyMap<string, Answer<V> | Proven<V>>> {
  return async (keys) => {
    const answered = new Map<string, Answer<V> | Proven<V>>();
    const rest: string[] = [];
    for (const key of keys) {
      const proven = freshness.serve(key);
      if (proven === undefined) rest.push(key);
      else answered.set(key, { ...proven.record, stale: false, asOf: new Date(proven.asOfMs).toISOString() });
    }
    counters.count(answered.size, rest.length);
    if (rest.length === 0) return answered;
    const ticket = freshness.begin(rest);
    let fetched: ReadonlyMap<string, Answer<V>>;
    try {
      fetched = await fetchMany(rest);
    } catch (error) {
      freshness.abandon(ticket);
      throw error;
    }
    const fresh = new Map<string, V>();
    for (const [key, value] of fetched) {
      answered.set(key, value);
      if (!(value instanceof Error) && !value.stale) fresh.set(key, value);
    }
    freshness.finish(ticket, fresh);
    return answered;
  };
}
