import { createSizedCache } from '../../../lib/cache/index.js';
import type { LastKnown } from './last-known.js';

export interface LastKnownStoreOptions {
  /** Memory budget in entries (default 50 000): a record counts 1, a list counts its length (at least 1). */
  readonly maxEntries?: number;
  /** How long a remembered read may still be served (default 7 days): older is gone, not shown. */
  readonly maxAgeMs?: number;
  /** Milliseconds since the epoch (default `Date.now`); tests pass a fake. */
  readonly clock?: () => number;
}

/** A value as last read from its system, and when (ISO 8601 instant). */
export interface Remembered<T> {
  readonly value: T;
  readonly asOf: string;
}

/** A list as last read: its records (in order) and when the list itself was read. */
export interface RememberedList<R> {
  readonly asOf: string;
  readonly records: readonly Remembered<R>[];
}

export interface LastKnownStoreSize {
  readonly records: number;
  readonly lists: number;
  /** Entries counted against `maxEntries`. */
  readonly weight: number;
  readonly maxEntries: number;
}

/**
 * The last records seen per key and the last lists seen per list key (a citizen's NIU → the keys of their list),
 * bounded in count and age. A list keeps keys only; its records live among the others, so that a dossier read
 * through a list or alone is remembered once and always in its latest state.
 */
export interface LastKnownStore<R> extends LastKnown<R> {
  rememberRecord(key: string, record: R): void;
  /** Refreshes the entry's recency (not its `asOf`). */
  recallRecord(key: string): Remembered<R> | undefined;
  /** The system said the key does not exist (any more): an outage must not bring it back. */
  forgetRecord(key: string): void;
  /** Remembers the records, then the list of their keys. Returns false when the list is too large to keep. */
  rememberList(listKey: string, entries: readonly (readonly [key: string, record: R])[]): boolean;
  /** Undefined unless every record of the list is still remembered: a list short of one dossier would lie. */
  recallList(listKey: string): RememberedList<R> | undefined;
  size(): LastKnownStoreSize;
  clear(): void;
}

type Entry<R> = { readonly kind: 'record'; readonly value: R; readonly seenAt: number } | { readonly kind: 'list'; readonly keys: readonly string[]; readonly seenAt: number };

const sevenDaysMs = 7 * 24 * 60 * 60 * 1000;

const weightOf = <R>(entry: Entry<R>): number => (entry.kind === 'record' ? 1 : Math.max(1, entry.keys.length));

/**
 * An in-process LRU (lib/cache: weighed entries, one budget), shared by every request of one subgraph process. No
 * timer: expiry is checked on read.
 */
export function createLastKnownStore<R>({ maxEntries = 50_000, maxAgeMs = sevenDaysMs, clock = Date.now }: LastKnownStoreOptions = {}): LastKnownStore<R> {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  if (!(maxAgeMs > 0)) throw new RangeError(`maxAgeMs must be positive, got ${maxAgeMs}`);

  // Records and lists share one recency order and one budget; the prefix keeps their keys apart.
  let lists = 0;
  const entries = createSizedCache<Entry<R>>({
    maxSize: maxEntries,
    sizeOf: weightOf,
    clock,
    onRemove: (entry) => {
      if (entry.kind === 'list') lists -= 1;
    },
  });
  const recordId = (key: string) => `r:${key}`;
  const listId = (listKey: string) => `l:${listKey}`;

  const put = (id: string, entry: Entry<R>) => {
    entries.set(id, entry, { expiresAtMs: entry.seenAt + maxAgeMs });
    if (entry.kind === 'list') lists += 1;
  };

  const isoOf = (seenAt: number) => new Date(seenAt).toISOString();

  const recallRecord = (key: string): Remembered<R> | undefined => {
    // The live entry, moved to most recently used; an expired one is dropped on the way.
    const entry = entries.get(recordId(key));
    return entry?.kind === 'record' ? { value: entry.value, asOf: isoOf(entry.seenAt) } : undefined;
  };

  return {
    rememberRecord(key, record) {
      put(recordId(key), { kind: 'record', value: record, seenAt: clock() });
    },
    recallRecord,
    forgetRecord(key) {
      entries.delete(recordId(key));
    },
    rememberList(listKey, listed) {
      // A list that cannot fit beside its own records would evict them (or everyone else's): not kept at all, and
      // the previous one, now known to be outdated, goes too.
      if (Math.max(1, listed.length) + listed.length > maxEntries) {
        entries.delete(listId(listKey));
        return false;
      }
      // The list before its records, here and on recall: a list is evicted before the records it needs (a list
      // without them is dead weight), never after.
      const seenAt = clock();
      put(listId(listKey), { kind: 'list', keys: listed.map(([key]) => key), seenAt });
      for (const [key, record] of listed) put(recordId(key), { kind: 'record', value: record, seenAt });
      return true;
    },
    recallList(listKey) {
      const entry = entries.get(listId(listKey));
      if (entry?.kind !== 'list') return undefined;
      const records: Remembered<R>[] = [];
      for (const key of entry.keys) {
        const record = recallRecord(key);
        if (!record) {
          entries.delete(listId(listKey));
          return undefined;
        }
        records.push(record);
      }
      return { asOf: isoOf(entry.seenAt), records };
    },
    size() {
      return { records: entries.size - lists, lists, weight: entries.totalSize, maxEntries };
    },
    clear() {
      entries.clear();
    },
  };
}
