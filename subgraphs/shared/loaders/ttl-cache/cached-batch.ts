import type { TtlCache } from './ttl-cache.js';

/**
 * Puts a cache in front of a batch read: keys found in the cache are answered from it, only the others go out, in
 * one call. What comes back is stored, except errors and absent keys: a failure or an unknown key is asked again
 * next time. Cache raw records here, never a view filtered for one caller: each request still applies its own rules.
 */
export function cachedBatch<K extends string, V>(
  fetchMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
  cache: TtlCache<Exclude<V, Error>>,
): (keys: readonly K[]) => Promise<ReadonlyMap<K, V>> {
  if (!cache.enabled) return fetchMany;
  return async (keys) => {
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of keys) {
      const value = cache.get(key);
      if (value === undefined) missing.push(key);
      else found.set(key, value);
    }
    if (missing.length === 0) return found;
    const fetched = await fetchMany(missing);
    for (const [key, value] of fetched) {
      found.set(key, value);
      if (isRecord(value)) cache.set(key, value);
    }
    return found;
  };
}

/** A system's failure for one key (as `withLastKnown` reports it) is never a record to keep. */
function isRecord<V>(value: V): value is Exclude<V, Error> {
  return !(value instanceof Error);
}
