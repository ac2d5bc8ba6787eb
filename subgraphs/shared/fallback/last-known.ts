import type { Remembered, RememberedList } from './last-known-store.js';

/**
 * What the last-known wrappers (`withLastKnown`, `withLastKnownList`) need of a store: remember what was read (never
 * on the caller's time: an implementation writing elsewhere does so in the background), recall it when the system
 * cannot answer. Two implementations pass one contract (`testing/last-known-contract.ts`): the in-process LRU
 * (`createLastKnownStore`, synchronous) and the scaled one (`createPostgresLastKnownStore`: the LRU first, then
 * what any replica read, from PostgreSQL).
 */
export interface LastKnown<R> {
  rememberRecord(key: string, record: R): void;
  recallRecord(key: string): Remembered<R> | undefined | Promise<Remembered<R> | undefined>;
  /** The system said the key does not exist (any more): an outage must not bring it back. */
  forgetRecord(key: string): void;
  /** Returns false when the list is too large to keep (in this process: see `LastKnownStore`). */
  rememberList(listKey: string, entries: readonly (readonly [key: string, record: R])[]): boolean;
  /** Undefined unless every record of the list is still remembered. */
  recallList(listKey: string): RememberedList<R> | undefined | Promise<RememberedList<R> | undefined>;
}
