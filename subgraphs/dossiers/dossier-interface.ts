import { InterfaceType } from 'type-graphql';
import { decorateLookupKey } from '../shared/index.js';

/** What the dossiers subgraph hands out before the gateway fetches the rest from the owning ministry. */
export interface DossierHandle {
  readonly __typename: string;
  /** The hidden key: the reference, or the owner's sealed listing of the dossier (see `sealedListing`). */
  readonly lookup: string;
}

/**
 * `Dossier` as this subgraph knows it: only the hidden key. Its public fields are the ministries' (each declares the
 * interface from the shared field list): a field here that every implementation leaves `@external` is one no
 * Federation runtime but Apollo's planner would route (Hive Gateway refuses it), and one the owner would not check.
 */
@InterfaceType('Dossier', {
  description: 'Un dossier (une demande) d’un citoyen, quel que soit le ministère. Chaque ministère possède son propre type de dossier.',
  resolveType: (value: DossierHandle) => value.__typename,
})
export abstract class Dossier {
  lookup!: string;
}

decorateLookupKey(Dossier);
