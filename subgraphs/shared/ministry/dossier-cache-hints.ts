import type { ConnectedMinistry } from '../../../schema/index.js';
import type { CacheHintRules } from '../cache-hints/index.js';
import { referenceOfLookup } from '../listing-seal/index.js';

/**
 * Every ministry's dossiers by reference are of cache class `feed` (the registry row names the type): what a phone's
 * status poll reads, kept by the gateway while the change feeds prove it unchanged. A sealed lookup (the page of a
 * list, sealed for its own request: docs/architecture.md "Sealed listings") is request-bound, never kept. The lists
 * themselves stay uncacheable: they carry seals that open only in the request that read them, so a kept list would
 * send the page's records back to the legacy system by reference (measured: docs/performance.md). The row's own rules
 * come on top (civil-registry: `Citizen` as `identity`).
 */
export function dossierCacheHints(row: ConnectedMinistry, own: CacheHintRules = {}): CacheHintRules {
  return {
    ...own,
    entities: { [row.subgraph.dossierType]: 'feed', ...own.entities },
    requestBound: (representation) => {
      const lookup: unknown = Reflect.get(representation, 'lookup');
      return typeof lookup === 'string' && referenceOfLookup(lookup) !== lookup;
    },
  };
}
