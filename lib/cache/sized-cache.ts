import { LRUCache } from 'lru-cache';

export interface SizedCacheOptions<V> {
  /** Entries kept at most; beyond, the least recently used goes first. 0 keeps nothing. Default: no bound by count. */
  readonly maxEntries?: number;
  /**
   * Budget for the sum of the entries' sizes as `sizeOf` counts them (bytes, or any weight); beyond, the least
   * recently used go first. An entry larger than the whole budget is not kept. 0 keeps nothing. Default: no budget.
   */
  readonly maxSize?: number;
  /** An entry's size, counted against `maxSize`: rounded up to a whole number, at least 1. Required with `maxSize`. */
  readonly sizeOf?: (value: V) => number;
  /** How long an entry is served after it was stored, unless `set` gives it its own end. Default: until evicted. */
  readonly maxAgeMs?: number;
  /** Told of every entry that leaves: evicted, expired, deleted, replaced or cleared. */
  readonly onRemove?: (value: V, key: string) => void;
  /** Milliseconds since the epoch (default `Date.now`); tests pass a fake. */
  readonly clock?: () => number;
}

export interface SizedCacheSetOptions {
  /** When the entry stops being served (it is expired from that instant on). Default: now + `maxAgeMs`. */
  readonly expiresAtMs?: number;
}

/**
 * A bounded in-process cache: `get`, `set`, `delete`, like any store. Expiry is checked when an entry is read (an
 * expired entry is then dropped): no timer. `atMs`, where a method takes it, is the instant to judge expiry at
 * (default: the clock), for callers that already hold one.
 */
export interface SizedCache<V> {
  /** The live value, now the most recently used; undefined when absent or expired. */
  get(key: string, atMs?: number): V | undefined;
  /** The live value, its recency unchanged (a cache that evicts in order of insertion reads with this). */
  peek(key: string, atMs?: number): V | undefined;
  /** Stores `value` as the most recently used, replacing any entry under `key`; evicts beyond the bounds. */
  set(key: string, value: V, options?: SizedCacheSetOptions): void;
  delete(key: string): void;
  clear(): void;
  /**
   * Drops expired entries from the least recently used end, stopping at the first live one: a sweep cheap enough
   * for every write, for entries that expire in about the order they were last stored.
   */
  dropExpiredOldest(atMs?: number): void;
  /** Entries held (expired ones included, until read, swept or evicted). */
  readonly size: number;
  /** Sum of the sizes held (0 without `maxSize`). */
  readonly totalSize: number;
}

interface Entry<V> {
  readonly value: V;
  readonly expiresAtMs: number;
}

const wholeOrZero = (name: string, value: number | undefined) => {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0)) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
};

/**
 * The one sized cache of the code base, on the `lru-cache` package: least recently used eviction by entry count
 * and by a size budget, and an age limit per entry. The age limit is kept here rather than in `lru-cache` (its
 * `ttl`): an entry is expired from the very millisecond its end is reached, on whatever clock the caller passes.
 */
export function createSizedCache<V>({ maxEntries, maxSize, sizeOf, maxAgeMs = Infinity, onRemove, clock = Date.now }: SizedCacheOptions<V>): SizedCache<V> {
  wholeOrZero('maxEntries', maxEntries);
  wholeOrZero('maxSize', maxSize);
  if (maxEntries === undefined && maxSize === undefined) throw new RangeError('a sized cache needs maxEntries or maxSize');
  if (maxSize !== undefined && sizeOf === undefined) throw new RangeError('maxSize needs sizeOf');
  if (!(maxAgeMs > 0)) throw new RangeError(`maxAgeMs must be positive, got ${maxAgeMs}`);
  if (maxEntries === 0 || maxSize === 0) return nothingKept();

  const entries = new LRUCache<string, Entry<V>>({
    max: maxEntries ?? 0,
    ...(maxSize !== undefined && sizeOf !== undefined ? { maxSize, sizeCalculation: (entry: Entry<V>) => Math.max(1, Math.ceil(sizeOf(entry.value))) } : {}),
    ...(onRemove !== undefined ? { dispose: (entry: Entry<V>, key: string) => onRemove(entry.value, key) } : {}),
  });
  const expired = (entry: Entry<V>, atMs: number | undefined) => entry.expiresAtMs !== Infinity && (atMs ?? clock()) >= entry.expiresAtMs;
  const live = (key: string, entry: Entry<V> | undefined, atMs: number | undefined): V | undefined => {
    if (entry === undefined) return undefined;
    if (!expired(entry, atMs)) return entry.value;
    entries.delete(key);
    return undefined;
  };

  return {
    get: (key, atMs) => live(key, entries.get(key), atMs),
    peek: (key, atMs) => live(key, entries.peek(key), atMs),
    set(key, value, { expiresAtMs } = {}) {
      entries.set(key, { value, expiresAtMs: expiresAtMs ?? (maxAgeMs === Infinity ? Infinity : clock() + maxAgeMs) });
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    dropExpiredOldest(atMs = clock()) {
      const gone: string[] = [];
      for (const key of entries.rkeys()) {
        const entry = entries.peek(key);
        if (entry !== undefined && !expired(entry, atMs)) break;
        gone.push(key);
      }
      for (const key of gone) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
    get totalSize() {
      return entries.calculatedSize;
    },
  };
}

/** `maxEntries: 0` or `maxSize: 0`: the cache is off. */
function nothingKept<V>(): SizedCache<V> {
  const none = () => undefined;
  return { get: none, peek: none, set: none, delete: none, clear: none, dropExpiredOldest: none, size: 0, totalSize: 0 };
}
