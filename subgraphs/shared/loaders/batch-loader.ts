import DataLoader from 'dataloader';

/**
 * A per-request DataLoader over a legacy batch call: every key asked during one tick goes out together. A key the
 * system does not know, or whose record the caller may not see (`visible`), gets `missing(key)` — the same typed
 * NOT_FOUND either way, so nothing leaks — rather than a silent null.
 */
export function batchLoader<K extends string, V>(
  fetchMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V | Error>>,
  missing: (key: K) => Error,
  visible: (value: V) => boolean = () => true,
): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    const found = await fetchMany(keys);
    return keys.map((key) => {
      const value = found.get(key);
      // The system's own failure for that key (nothing remembered to answer with): never turned into NOT_FOUND.
      if (value instanceof Error) return value;
      return value !== undefined && visible(value) ? value : missing(key);
    });
  });
}

/** A per-request loader of one list per key (a citizen's requests), keeping only what the caller may see. */
export function listLoader<K extends string, V>(fetchOne: (key: K) => Promise<readonly V[]>, visible: (value: V) => boolean = () => true): DataLoader<K, readonly V[]> {
  return new DataLoader<K, readonly V[]>((keys) =>
    Promise.all(
      keys.map((key) =>
        fetchOne(key).then(
          (values) => values.filter(visible),
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
      ),
    ),
  );
}
