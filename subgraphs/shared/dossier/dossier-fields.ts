import { ObjectType } from 'type-graphql';
import { DossierInterface } from './dossier-interface.js';
import type { DossierStatus } from '../../../schema/dossier-status.js';
import { decorateDossierFields, decorateLookupKey, decorateSealedListing } from './dossier-field-specs.js';
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
  /** Set on the records of a citizen's list only (the most recently updated ones): see decorateSealedListing. */
  sealedListing!: string | null;
}

decorateDossierFields(DossierFields, { procedureType: () => ProcedureRef });
decorateLookupKey(DossierFields);
decorateSealedListing(DossierFields);
