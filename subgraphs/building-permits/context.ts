import type DataLoader from 'dataloader';
import type { BuildingPermitRecord, UrbanismeAdapter } from '../../adapters/urbanisme/index.js';
import { AdapterError } from '../../adapters/shared/index.js';
import { createAccessRecorder } from '../../audit/index.js';
import type { Principal } from '../../auth/index.js';
import type { Outbox } from '../../outbox/index.js';
import { batchLoader, canSeeDossier, listLoader, recordedWhenVisible, withGuichetReferences, withLastKnown, withLastKnownList, type LastKnownStore, type SubgraphContext } from '../shared/index.js';
import { queuedPermitRecord } from './queued-application.js';

export interface BuildingPermitsContext extends SubgraphContext {
  readonly urbanisme: UrbanismeAdapter;
  /** Applications Urbanisme could not take yet, delivered later by the forwarder. */
  readonly outbox: Outbox<BuildingPermitRecord>;
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
  // A citizen's list, remembered so an outage answers with the last known one (marked stale).
  const citizenList = withLastKnownList((niu: string) => urbanisme.listApplicationsOfCitizen(niu), lastKnown);
  const visible = recordedWhenVisible((record: BuildingPermitRecord) => canSeeDossier(principal, 'URBAN_PLANNING', record.applicantNiu), access, 'urbanisme', (r) => [r.applicantNiu]);
  return {
    principal,
    access,
    urbanisme,
    outbox,
    loaders: {
      application: batchLoader(
        withGuichetReferences<BuildingPermitRecord | Error>(
          withLastKnown((references: readonly string[]) => urbanisme.getApplications(references), lastKnown, { mayServe: (r) => canSeeDossier(principal, 'URBAN_PLANNING', r.applicantNiu) }),
          outbox,
          queuedPermitRecord,
        ),
        (reference) =>
          new AdapterError({ code: 'NOT_FOUND', system: 'urbanisme', operation: 'getApplications', retryable: false, message: `no application ${reference}`, userMessage: `Aucune demande de permis ${reference}.` }),
        visible,
      ),
      applicationsOfCitizen: listLoader(
        async (niu) => [...(await citizenList(niu)), ...(await outbox.listForApplicant(niu)).map(queuedPermitRecord)],
        visible,
      ),
    },
  };
}
