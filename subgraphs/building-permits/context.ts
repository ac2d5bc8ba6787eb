import type DataLoader from 'dataloader';
import type { BuildingPermitRecord, UrbanismeAdapter } from '../../adapters/urbanisme/index.js';
import { AdapterError } from '../../adapters/shared/index.js';
import { createAccessRecorder } from '../../audit/index.js';
import type { Principal } from '../../auth/index.js';
import type { Outbox } from '../../outbox/index.js';
import { dossierLoaders, type LastKnownStore, type SubgraphContext } from '../shared/index.js';
import { queuedPermitRecord } from './queued-application.js';

export interface BuildingPermitsContext extends SubgraphContext {
  readonly urbanisme: UrbanismeAdapter;
  /** Applications Urbanisme could not take yet, delivered later by the forwarder. */
  readonly outbox: Outbox<BuildingPermitRecord>;
  /** A worklist page as the caller may see it, each dossier on its applicant's access log (DossierLoaders.worklist). */
  readonly worklist: (records: readonly BuildingPermitRecord[]) => BuildingPermitRecord[];
  readonly loaders: {
    readonly application: DataLoader<string, BuildingPermitRecord>;
    readonly applicationsOfCitizen: DataLoader<string, readonly BuildingPermitRecord[]>;
  };
}

/** Fresh loaders per request: batching within a request, no stale data across requests. */
export function createBuildingPermitsContext(
  urbanisme: UrbanismeAdapter,
  outbox: Outbox<BuildingPermitRecord>,
  lastKnown: LastKnownStore<BuildingPermitRecord>,
  principal: Principal,
): BuildingPermitsContext {
  const access = createAccessRecorder();
  const dossiers = dossierLoaders({
    system: 'urbanisme',
    ministry: 'URBAN_PLANNING',
    principal,
    access,
    lastKnown,
    outbox,
    queuedRecord: queuedPermitRecord,
    getMany: (references) => urbanisme.getDossiers(references),
    listOfCitizen: (niu) => urbanisme.listDossiersOfCitizen(niu),
    notFound: (reference) => new AdapterError({ code: 'NOT_FOUND', system: 'urbanisme', operation: 'getApplications', retryable: false, message: `no application ${reference}`, userMessage: `Aucune demande de permis ${reference}.` }),
  });
  return {
    principal,
    access,
    urbanisme,
    outbox,
    worklist: dossiers.worklist,
    loaders: { application: dossiers.byReference, applicationsOfCitizen: dossiers.ofCitizen },
  };
}
