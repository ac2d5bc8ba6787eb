import type { CacheHintRules } from '../shared/index.js';

/**
 * Identity and civil acts change rarely: cacheable for CACHE_IDENTITY_MAX_AGE_S, privately (one caller's answer).
 * Copy requests carry a status and stay uncacheable, as does the whole answer when it includes one.
 */
export const civilRegistryCacheHints: CacheHintRules = {
  fields: { 'Query.civilAct': 'identity', 'Citizen.civilActs': 'identity' },
  entities: { Citizen: 'identity' },
};
