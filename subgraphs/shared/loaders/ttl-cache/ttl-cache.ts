import { createSizedCache } from '../../../../lib/cache/index.js';

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
 * An in-process LRU with a fixed time to live (lib/cache): expiry is checked on read, eviction on write keeps it
 * bounded.
 */
export function createTtlCache<V>({ ttlMs, maxEntries, clock = Date.now }: TtlCacheOptions): TtlCache<V> {
  if (!Number.isInteger(ttlMs) || ttlMs < 0) throw new RangeError(`ttlMs must be a whole number ≥ 0, got ${ttlMs}`);
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  const enabled = ttlMs > 0;
  const entries = createSizedCache<V>({ maxEntries: enabled ? maxEntries : 0, ...(enabled ? { maxAgeMs: ttlMs } : {}), clock });
  return {
    get: (key) => entries.get(key),
    set: (key, value) => entries.set(key, value),
    invalidate: (key) => entries.delete(key),
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
    enabled,
  };
}
