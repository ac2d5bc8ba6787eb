import type { CacheHintRules } from '../cache-hints/index.js';
import type { ConnectedMinistry } from '../../../schema/index.js';

/**
 * Every ministry's dossiers are of cache class `feed` (the registry row names its types): a citizen's list, the
 * citizen entity that carries it, and its dossiers by reference. The row's own rules come on top (civil-registry
 * keeps `Citizen` as `identity`: its entity also answers names and acts, with the list below it as `feed`).
 */
export function dossierCacheHints(row: ConnectedMinistry, own: CacheHintRules = {}): CacheHintRules {
  const { dossierType, citizenListField } = row.subgraph;
  return {
    fields: { [`Citizen.${citizenListField}`]: 'feed', ...own.fields },
    entities: { Citizen: 'feed', [dossierType]: 'feed', ...own.entities },
  };
}
