import type { DossierEvent } from '../../../events/index.js';

/** A page of the event log read after a cursor. */
export interface DossierEventPage {
  /** Oldest first, each with its cursor; at most the limit asked for. */
  readonly events: readonly DossierEvent[];
  /**
   * Set when the cursor asked for is not in the log's span (older than the retained events — pruned — or newer than
   * any event appended): `events` then start at the oldest retained, and `oldest` is its cursor (the head when none).
   */
  readonly reset: { readonly oldest: string } | null;
}

/**
 * The dossier events, each numbered by a monotonic cursor, in the supervision subgraph's store (SQLite or
 * PostgreSQL). Only the ingesting leader appends — with the poll's facts and cursor, in the same transaction
 * (`ReadModelStore.save`), so an event is never lost nor appended twice — and prunes; every replica reads.
 */
export interface DossierEventLog {
  /** Events after `after` (exclusive; a cursor, padding optional), oldest first, at most `limit`. */
  readAfter(after: string, limit: number): Promise<DossierEventPage>;
  /** The newest cursor appended (`000000000000` before any): where a reader that asks for new events only starts. */
  head(): Promise<string>;
  /** Deletes the events appended before `beforeMs` (epoch ms); returns how many. */
  prune(beforeMs: number): Promise<number>;
}
