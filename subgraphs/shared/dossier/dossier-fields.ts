import { ObjectType } from 'type-graphql';
import type { DossierStatus } from '../../../schema/dossier-status.js';
import { decorateDossierFields, decorateLookupKey } from './dossier-field-specs.js';
import type { DossierStep } from './dossier-step.js';
import { ProcedureRef } from './procedure-ref.js';

/**
 * The fields every ministry's dossier type has in common (the graph's `Dossier`), inherited by each ministry's
 * entity class so that they never drift from the interface the dossiers subgraph declares.
 */
@ObjectType()
export abstract class DossierFields {
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

decorateDossierFields(DossierFields, { procedureType: () => ProcedureRef });
decorateLookupKey(DossierFields);
