import { asFresh, asStale, type KnownRecord } from './known-record.js';
import { resolveLastKnownOptions, type LastKnownOptions } from './last-known-options.js';
import type { LastKnown } from './last-known.js';

/**
 * Wraps a legacy list read (a citizen's dossiers at one ministry) like `withLastKnown`: success remembers the list
 * and its records and returns them fresh; a failure the system could not answer returns the remembered list, each
 * record stale with its own `asOf` (a record read alone since is newer than the list), or rethrows the original
 * error when the list, or any of its records, is no longer remembered. No visibility rule here: the list loader
 * filters stale records with the same `visible` as fresh ones, so a list says no more stale than fresh.
 */
export function withLastKnownList<K extends string, R extends { readonly reference: string }>(
  fetchOne: (key: K) => Promise<readonly R[]>,
  store: LastKnown<R>,
  options: LastKnownOptions = {},
): (key: K) => Promise<readonly KnownRecord<R>[]> {
  const { isUnavailable, metrics, systemOf } = resolveLastKnownOptions(options);
  return async (key) => {
    let records: readonly R[];
    try {
      records = await fetchOne(key);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      const remembered = await store.recallList(key);
      metrics.recordListFallback(systemOf(error), remembered !== undefined);
      if (!remembered) throw error;
      return remembered.records.map(({ value, asOf }) => asStale(value, asOf));
    }
    store.rememberList(
      key,
      records.map((record) => [record.reference, record] as const),
    );
    return records.map((record) => asFresh(record));
  };
}
