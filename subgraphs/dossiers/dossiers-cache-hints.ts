import type { CacheHintRules } from '../shared/index.js';

/**
 * The procedure catalogue is the same for everyone and changes with a release: public for CACHE_PUBLIC_MAX_AGE_S.
 * `dossier(reference)` answers only which ministry's type the reference names and its lookup key — a pure function
 * of the reference, no status (the ministry's subgraph resolves everything else, with its own rules): kept per caller
 * like an identity, so a mobile app polling its dossier skips this hop. Lists, statuses and the access log are not
 * cacheable.
 */
export const dossiersCacheHints: CacheHintRules = {
  // A procedure's object fields (its documents, its handling body) are the catalogue's too.
  fields: { 'Query.procedures': 'public', 'Query.procedure': 'public', 'Query.dossier': 'identity', 'Procedure.documents': 'public', 'Procedure.handlingBody': 'public' },
  entities: { Procedure: 'public' },
};
