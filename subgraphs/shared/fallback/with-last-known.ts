import { asFresh, asStale, type KnownRecord } from './known-record.js';
import { asError, resolveLastKnownOptions, type LastKnownOptions } from './last-known-options.js';
import type { LastKnown } from './last-known.js';

export interface LastKnownBatchOptions<R> extends LastKnownOptions {
  /**
   * Whether this caller may be shown a remembered record: the row-level rule, without its audit side effect (the
   * loader's own `visible` still runs, and records the access). A record refused here is treated as unknown — it
   * gets the system's error, like every key nothing is remembered for — because answering NOT_FOUND for it would
   * reveal, during an outage, that it exists. Default: every record.
   */
  readonly mayServe?: (record: R) => boolean;
}

/**
 * Wraps a legacy batch read so that an unreachable system answers with what was last read instead of an error.
 * Success: every record is remembered and returned fresh; a key the system no longer knows is forgotten. Failure
 * the system could not answer (`isUnavailable`): each key gets its remembered record, stale with its `asOf`, or the
 * original error itself (an Error value in the map: the loader must reject that key with it, not say NOT_FOUND);
 * if no key is remembered, the original error is rethrown. Any other failure is rethrown untouched.
 */
export function withLastKnown<K extends string, R extends object>(
  fetchMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, R>>,
  store: LastKnown<R>,
  options: LastKnownBatchOptions<R> = {},
): (keys: readonly K[]) => Promise<ReadonlyMap<K, KnownRecord<R> | Error>> {
  const { isUnavailable, metrics, systemOf } = resolveLastKnownOptions(options);
  const mayServe = options.mayServe ?? (() => true);

  const recall = async (keys: readonly K[], error: unknown): Promise<ReadonlyMap<K, KnownRecord<R> | Error>> => {
    const failure = asError(error);
    const answered = new Map<K, KnownRecord<R> | Error>();
    let hits = 0;
    // All at once: a shared store batches the keys its own process does not remember into one query.
    const recalled = await Promise.all(keys.map((key) => store.recallRecord(key)));
    for (const [index, key] of keys.entries()) {
      const remembered = recalled[index];
      if (remembered && mayServe(remembered.value)) {
        answered.set(key, asStale(remembered.value, remembered.asOf));
        hits += 1;
      } else {
        answered.set(key, failure);
      }
    }
    metrics.recordFallback(systemOf(error), { hits, misses: keys.length - hits });
    if (hits === 0) throw error;
    return answered;
  };

  return async (keys) => {
    let found: ReadonlyMap<K, R>;
    try {
      found = await fetchMany(keys);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      return recall(keys, error);
    }
    const answered = new Map<K, KnownRecord<R>>();
    for (const [key, record] of found) {
      store.rememberRecord(key, record);
      answered.set(key, asFresh(record));
    }
    for (const key of keys) if (!found.has(key)) store.forgetRecord(key);
    return answered;
  };
}
