import type { ConnectedMinistry } from '../../../schema/index.js';
import type { CacheHintRules } from '../cache-hints/index.js';
import { referenceOfLookup } from '../listing-seal/index.js';

/** A dossier's object fields read with its record (every ministry's type has them: `DossierFields`). */
const recordFields = ['history', 'procedure', 'applicant'] as const;

/**
 * Every ministry's dossiers by reference are of cache class `feed` (the registry row names the type): what a phone's
 * status poll reads, kept by the gateway while the change feeds prove it unchanged. A citizen's list (the row's
 * `citizenListField`) and a sealed lookup (the page of a list, sealed for its own request: docs/architecture.md
 * "Sealed listings") are bound to their request: never kept alone — a kept list would send the page's records back to
 * the legacy system by reference (measured: docs/performance.md) — but a whole response built from them may be kept
 * for its caller on the same proof (the gateway's private response cache). The row's own rules come on top
 * (civil-registry: `Citizen` as `identity`).
 */
export function dossierCacheHints(row: ConnectedMinistry, own: CacheHintRules = {}): CacheHintRules {
  const { dossierType } = row.subgraph;
  return {
    ...own,
    fields: {
      [`Citizen.${row.subgraph.citizenListField}`]: 'listing',
      // Object fields that are part of the dossier's own record (Apollo gives an object field no max-age of its own).
      // Not its documents: their forwarding moves with Guichet's outbox, which no change feed names.
      ...Object.fromEntries(recordFields.map((field) => [`${dossierType}.${field}`, 'feed'])),
      ...own.fields,
    },
    entities: { [dossierType]: 'feed', Citizen: 'listing', ...own.entities },
    requestBound: (representation) => {
      const lookup: unknown = Reflect.get(representation, 'lookup');
      return typeof lookup === 'string' && referenceOfLookup(lookup) !== lookup;
    },
  };
}
