import type { LegacySystem } from '../../../adapters/shared/index.js';
import type { DossierFact } from '../read-model/index.js';

/** One legacy system's change feed, read as dossier facts: the records are reduced as soon as they arrive. */
export interface ChangeFeed {
  readonly system: LegacySystem;
  /** Every dossier changed since `since` (ISO 8601 instant); may repeat changes at the boundary, never miss one. */
  changedSince(since: string): Promise<readonly DossierFact[]>;
}
