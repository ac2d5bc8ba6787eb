import { ministryOfLegacySystem, DossierStatus } from '../../../schema/index.js';
import type { FeedChange } from '../ingestion/change-feeds.js';
import type { NewDossierEvent } from './new-dossier-event.js';

/** The normalized status of every dossier seen so far, by graph reference: what a new version is compared with. */
export type KnownStatuses = Map<string, DossierStatus>;

/**
 * The events a poll's changes make, compared with what was known before it: a reference never seen → CREATED; a
 * status that differs → STATUS_CHANGED; either one into ACTION_REQUIRED → ACTION_REQUIRED as well. The same status
 * read again (the feeds' overlap, another field changed) makes none. `known` is not touched: the caller records the
 * new statuses once the poll is saved (`recordStatuses`), so a failed save derives the same events at the next poll.
 */
export function deriveDossierEvents(changes: readonly FeedChange[], known: ReadonlyMap<string, DossierStatus>): NewDossierEvent[] {
  const events: NewDossierEvent[] = [];
  // A feed may list a dossier twice in one answer: each version is compared with the one before it.
  const seen = new Map<string, DossierStatus>();
  for (const { fact, ownerNiu, ministryStatus } of changes) {
    const previous = seen.get(fact.key) ?? known.get(fact.key) ?? null;
    seen.set(fact.key, fact.status);
    if (previous === fact.status) continue;
    const base = {
      reference: fact.key,
      ownerNiu,
      ministry: ministryOfLegacySystem[fact.system],
      system: fact.system,
      procedure: fact.procedure,
      status: fact.status,
      ministryStatus,
      previousStatus: previous,
      at: new Date(fact.updatedMs).toISOString(),
    };
    events.push({ type: previous === null ? 'CREATED' : 'STATUS_CHANGED', ...base });
    if (fact.status === DossierStatus.ACTION_REQUIRED) events.push({ type: 'ACTION_REQUIRED', ...base });
  }
  return events;
}

/** Records a saved poll's statuses, so that the next poll compares with them. */
export function recordStatuses(known: KnownStatuses, changes: readonly FeedChange[]): void {
  for (const { fact } of changes) known.set(fact.key, fact.status);
}
