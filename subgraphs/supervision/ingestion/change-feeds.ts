import type { LegacySystem } from '../../../adapters/shared/index.js';
import type { DossierFact } from '../read-model/index.js';

/**
 * One dossier as a change feed reports it: the fact the figures keep, and what only the event log needs — the owner
 * (to route the event to whoever may read the dossier) and the ministry's own status label. The read model never
 * sees the last two.
 */
export interface FeedChange {
  readonly fact: DossierFact;
  readonly ownerNiu: string;
  readonly ministryStatus: string | null;
}

/** One legacy system's change feed, read as dossier changes: the records are reduced as soon as they arrive. */
export interface ChangeFeed {
  readonly system: LegacySystem;
  /** Every dossier changed since `since` (ISO 8601 instant); may repeat changes at the boundary, never miss one. */
  changedSince(since: string): Promise<readonly FeedChange[]>;
}
