import type { CeetAdapter } from '../../../adapters/ceet/index.js';
import type { RnecAdapter } from '../../../adapters/rnec/index.js';
import type { LegacySystem } from '../../../adapters/shared/index.js';
import type { UrbanismeAdapter } from '../../../adapters/urbanisme/index.js';
import { factOf, type DossierFact } from '../read-model/index.js';

/** One legacy system's change feed, read as dossier facts: the records are reduced as soon as they arrive. */
export interface ChangeFeed {
  readonly system: LegacySystem;
  /** Every dossier changed since `since` (ISO 8601 instant); may repeat changes at the boundary, never miss one. */
  changedSince(since: string): Promise<readonly DossierFact[]>;
}

export interface FeedAdapters {
  readonly rnec: Pick<RnecAdapter, 'listChangedCopyRequests'>;
  readonly ceet: Pick<CeetAdapter, 'listChangedRequests'>;
  readonly urbanisme: Pick<UrbanismeAdapter, 'listChangedApplications'>;
}

/**
 * The three feeds through their adapters. None paginates: each answer holds every change since `since`. Where a
 * dossier is: the plot for electricity and permits, the registry office that delivers the copies for RNEC.
 */
export function changeFeedsOf(adapters: FeedAdapters): ChangeFeed[] {
  return [
    { system: 'rnec', changedSince: async (since) => (await adapters.rnec.listChangedCopyRequests(since)).map((r) => factOf('rnec', r, r.deliveryCommuneCode)) },
    { system: 'ceet', changedSince: async (since) => (await adapters.ceet.listChangedRequests(since)).map((r) => factOf('ceet', r, r.communeCode)) },
    { system: 'urbanisme', changedSince: async (since) => (await adapters.urbanisme.listChangedApplications(since)).map((r) => factOf('urbanisme', r, r.communeCode)) },
  ];
}
