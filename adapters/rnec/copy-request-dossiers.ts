import type { MinistryDossierAdapter } from '../shared/index.js';
import type { CivilActCopyRequestRecord, CopyRequestInput, RnecAdapter } from './types.js';

/**
 * RNEC's copy requests as the ministry dossier contract. The adapter keeps its own operation names: they are the
 * strangler's routing keys (RNEC_ROUTE_OVERRIDES), configuration operators already write.
 */
export function copyRequestDossiers(rnec: RnecAdapter): MinistryDossierAdapter<CivilActCopyRequestRecord, CopyRequestInput> {
  return {
    getDossiers: (references) => rnec.getCopyRequests(references),
    listDossiersOfCitizen: (niu) => rnec.listCopyRequests(niu),
    findDossierByExternalReference: (externalReference) => rnec.findCopyRequestByExternalReference(externalReference),
    submitDossier: (input) => rnec.requestCopy(input),
    listChangedDossiers: (since) => rnec.listChangedCopyRequests(since),
  };
}
