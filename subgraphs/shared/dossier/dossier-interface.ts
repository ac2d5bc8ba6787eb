import { InterfaceType } from 'type-graphql';
import type { DossierStatus } from '../../../schema/dossier-status.js';
import { decorateDossierFields, decorateLookupKey } from './dossier-field-specs.js';
import type { DossierStep } from './dossier-step.js';
import { ProcedureRef } from './procedure-ref.js';

/**
 * The graph's `Dossier` interface as each ministry subgraph declares it: the common fields, implemented by its own
 * dossier type only. Every ministry declares the same fields from one list, so the composed interface is theirs and
 * no ministry knows another's type; the dossiers subgraph declares only the hidden key (see docs/architecture.md).
 */
@InterfaceType('Dossier', {
  description: 'Un dossier (une demande) d’un citoyen, quel que soit le ministère. Chaque ministère possède son propre type de dossier.',
  resolveType: (value: { readonly __typename?: string }) => value.__typename,
})
export abstract class DossierInterface {
  reference!: string;
  status!: DossierStatus;
  ministryStatus!: string;
  submittedAt!: string;
  updatedAt!: string;
  history!: DossierStep[];
  nextAction!: string | null;
  stale!: boolean;
  asOf!: string | null;
  procedure!: ProcedureRef | null;
  lookup!: string;
}

decorateDossierFields(DossierInterface, { procedureType: () => ProcedureRef });
decorateLookupKey(DossierInterface);
