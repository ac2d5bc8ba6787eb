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

/** What stands in for the last entry when it leaves (see `remove` in createSizedCache). */
const vacant = Symbol('vacant');
type Slot<V> = Entry<V> | typeof vacant;

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

  // lru-cache empties its whole table (arrays as long as `max`) when its last entry leaves: deleting the last entry
  // costs O(maxEntries) — for a gateway with one active caller, every rate-limit check. The last entry is replaced by
  // a vacant mark instead (its value released, `onRemove` told as before), dropped once another key is stored.
  let vacantKey: string | undefined;
  const entries = new LRUCache<string, Slot<V>>({
    max: maxEntries ?? 0,
    ...(maxSize !== undefined && sizeOf !== undefined ? { maxSize, sizeCalculation: (slot: Slot<V>) => (slot === vacant ? 1 : Math.max(1, Math.ceil(sizeOf(slot.value)))) } : {}),
    dispose: (slot: Slot<V>, key: string) => {
      if (slot !== vacant) onRemove?.(slot.value, key);
      else if (key === vacantKey) vacantKey = undefined;
    },
  });
  const remove = (key: string) => {
    if (key === vacantKey) return;
    if (entries.size !== 1) {
      entries.delete(key);
      return;
    }
    if (!entries.has(key)) return;
    entries.set(key, vacant);
    vacantKey = key;
  };
  const expired = (entry: Entry<V>, atMs: number | undefined) => entry.expiresAtMs !== Infinity && (atMs ?? clock()) >= entry.expiresAtMs;
  const live = (key: string, slot: Slot<V> | undefined, atMs: number | undefined): V | undefined => {
    if (slot === undefined || slot === vacant) return undefined;
    if (!expired(slot, atMs)) return slot.value;
    remove(key);
    return undefined;
  };
  const held = () => (vacantKey === undefined ? 0 : 1);

  return {
    get: (key, atMs) => live(key, entries.get(key), atMs),
    peek: (key, atMs) => live(key, entries.peek(key), atMs),
    set(key, value, { expiresAtMs } = {}) {
      entries.set(key, { value, expiresAtMs: expiresAtMs ?? (maxAgeMs === Infinity ? Infinity : clock() + maxAgeMs) });
      if (vacantKey !== undefined && entries.size > 1) entries.delete(vacantKey);
    },
    delete: remove,
    clear() {
      entries.clear();
    },
    dropExpiredOldest(atMs = clock()) {
      const gone: string[] = [];
      for (const key of entries.rkeys()) {
        const slot = entries.peek(key);
        if (slot !== undefined && slot !== vacant && !expired(slot, atMs)) break;
        gone.push(key);
      }
      for (const key of gone) remove(key);
    },
    get size() {
      return entries.size - held();
    },
    get totalSize() {
      return maxSize === undefined ? 0 : entries.calculatedSize - held();
    },
  };
}

/** `maxEntries: 0` or `maxSize: 0`: the cache is off. */
function nothingKept<V>(): SizedCache<V> {
  const none = () => undefined;
  return { get: none, peek: none, set: none, delete: none, clear: none, dropExpiredOldest: none, size: 0, totalSize: 0 };
}
