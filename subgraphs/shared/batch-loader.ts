import DataLoader from 'dataloader';

/**
 * A per-request DataLoader over a legacy batch call: every key asked during one tick goes out together, and a key
 * the system does not know gets `missing(key)` (a typed NOT_FOUND) rather than a silent null.
 */
export function batchLoader<K extends string, V>(fetchMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>, missing: (key: K) => Error): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    const found = await fetchMany(keys);
    return keys.map((key) => found.get(key) ?? missing(key));
  });
}

/** A per-request loader of one list per key (a citizen's requests), with no batch endpoint behind it. */
export function listLoader<K extends string, V>(fetchOne: (key: K) => Promise<readonly V[]>): DataLoader<K, readonly V[]> {
  return new DataLoader<K, readonly V[]>((keys) => Promise.all(keys.map((key) => fetchOne(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))))));
}
