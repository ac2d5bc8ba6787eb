import { ObjectType } from 'type-graphql';
import { DossierInterface } from './dossier-interface.js';
import type { DossierStatus } from '../../../schema/dossier-status.js';
import { decorateDossierFields, decorateLookupKey } from './dossier-field-specs.js';
import type { DossierStep } from './dossier-step.js';
import { ProcedureRef } from './procedure-ref.js';

/**
 * The fields every ministry's dossier type has in common, inherited by each ministry's entity class: it implements
 * the graph's `Dossier` interface, declared from the same list of fields so that the two never drift.
 */
@ObjectType({ implements: DossierInterface })
export abstract class DossierFields implements DossierInterface {
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
