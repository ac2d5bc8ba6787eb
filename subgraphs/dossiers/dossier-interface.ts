import { InterfaceType } from 'type-graphql';
import { decorateDossierFields, type DossierStatus, type DossierStep } from '../shared/index.js';
import { Procedure } from './procedure.js';

/** What the dossiers subgraph hands out before the gateway fetches the rest from the owning ministry. */
export interface DossierHandle {
  readonly __typename: string;
  /** The hidden key (equal to the reference): the owner resolves and checks everything else. */
  readonly lookup: string;
}

@InterfaceType('Dossier', {
  description: 'Un dossier (une demande) d’un citoyen, quel que soit le ministère. Chaque ministère possède son propre type de dossier.',
  resolveType: (value: DossierHandle) => value.__typename,
})
export abstract class Dossier {
  reference!: string;
  status!: DossierStatus;
  ministryStatus!: string;
  submittedAt!: string;
  updatedAt!: string;
  history!: DossierStep[];
  nextAction!: string | null;
  stale!: boolean;
  asOf!: string | null;
  procedure!: Procedure | null;
}

decorateDossierFields(Dossier, { procedureType: () => Procedure });
