export interface TtlCacheOptions {
  /** How long a value is served after it was stored. 0 turns the cache off: nothing is kept, every read misses. */
  readonly ttlMs: number;
  /** Most entries kept; the least recently used goes first. */
  readonly maxEntries: number;
  /** Milliseconds since the epoch (default `Date.now`); tests pass a fake. */
  readonly clock?: () => number;
}

/** A short-lived cache shared by every request of one process: `get`, `set`, `invalidate`, like any store. */
export interface TtlCache<V> {
  /** The live value, moved to most recently used; undefined when absent or expired. */
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  invalidate(key: string): void;
  clear(): void;
  readonly size: number;
  /** False when `ttlMs` is 0. */
  readonly enabled: boolean;
}

/**
 * An in-process LRU with a fixed time to live: a Map keeps insertion order, so re-inserting on use makes its first
 * key the least recently used. No timer: expiry is checked on read, and eviction on write keeps it bounded.
 */
export function createTtlCache<V>({ ttlMs, maxEntries, clock = Date.now }: TtlCacheOptions): TtlCache<V> {
  if (!Number.isInteger(ttlMs) || ttlMs < 0) throw new RangeError(`ttlMs must be a whole number ≥ 0, got ${ttlMs}`);
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  const entries = new Map<string, { readonly value: V; readonly expiresAt: number }>();
  const enabled = ttlMs > 0;
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (clock() >= entry.expiresAt) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      if (!enabled) return;
      entries.delete(key);
      entries.set(key, { value, expiresAt: clock() + ttlMs });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    invalidate(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
    enabled,
  };
}
