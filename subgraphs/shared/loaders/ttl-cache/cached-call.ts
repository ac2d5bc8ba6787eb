import type { TtlCache } from './ttl-cache.js';

/** A cache in front of a read of one key (a citizen's acts), as `cachedBatch` does for batches: a rejection is not stored. */
export function cachedCall<K extends string, V>(fetchOne: (key: K) => Promise<V>, cache: TtlCache<V>): (key: K) => Promise<V> {
  if (!cache.enabled) return fetchOne;
  return async (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = await fetchOne(key);
    cache.set(key, value);
    return value;
  };
}
