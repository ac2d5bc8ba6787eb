import type { CacheHintRules } from '../shared/index.js';

/**
 * The procedure catalogue is the same for everyone and changes with a release: public for CACHE_PUBLIC_MAX_AGE_S.
 * Dossiers, statuses and the access log are not cacheable.
 */
export const dossiersCacheHints: CacheHintRules = {
  fields: { 'Query.procedures': 'public', 'Query.procedure': 'public' },
  entities: { Procedure: 'public' },
};
