import type { CacheHintRules } from '../shared/index.js';

/**
 * The procedure catalogue is the same for everyone and changes with a release: public for CACHE_PUBLIC_MAX_AGE_S.
 * `dossier(reference)` answers only which ministry's type the reference names and its lookup key — a pure function
 * of the reference, no status (the ministry's subgraph resolves everything else, with its own rules): kept per caller
 * like an identity, so a mobile app polling its dossier skips this hop; so is `citizen(niu)` and `me` (the key of the
 * citizen asked for, once the caller may ask). A citizen's dossiers (`Citizen.dossiers`, paged from the ministries'
 * lists and their seals) are `derived`: as cacheable as those lists (each with its hint and proof), never kept alone,
 * only within a whole response kept for its caller. Statuses and the access log are not cacheable.
 */
export const dossiersCacheHints: CacheHintRules = {
  // A procedure's object fields (its documents, its handling body) are the catalogue's too.
  fields: {
    'Query.procedures': 'public',
    'Query.procedure': 'public',
    'Query.dossier': 'identity',
    'Query.citizen': 'identity',
    'Query.me': 'identity',
    'Citizen.dossiers': 'derived',
    // The page's own objects (Apollo gives an object field no max-age of its own).
    'DossierConnection.nodes': 'derived',
    'DossierConnection.pageInfo': 'derived',
    'Procedure.documents': 'public',
    'Procedure.handlingBody': 'public',
  },
  entities: { Procedure: 'public', Citizen: 'derived' },
};
