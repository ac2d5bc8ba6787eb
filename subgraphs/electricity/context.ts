import type DataLoader from 'dataloader';
import { AdapterError, type LegacySystem } from '../../adapters/shared/index.js';
import type { CeetAdapter, ElectricityRequestRecord } from '../../adapters/ceet/index.js';
import { createAccessRecorder } from '../../audit/index.js';
import type { Principal } from '../../auth/index.js';
import type { Outbox } from '../../outbox/index.js';
import { dossierLoaders, type LastKnownStore, type SubgraphContext } from '../shared/index.js';
import { queuedElectricityRecord } from './queued-request.js';

export interface ElectricityContext extends SubgraphContext {
  readonly ceet: CeetAdapter;
  /** Applications CEET could not take yet, delivered later by the forwarder. */
  readonly outbox: Outbox<ElectricityRequestRecord>;
  /** A worklist page as the caller may see it, each dossier on its applicant's access log (DossierLoaders.worklist). */
  readonly worklist: (records: readonly ElectricityRequestRecord[]) => ElectricityRequestRecord[];
  readonly loaders: {
    readonly request: DataLoader<string, ElectricityRequestRecord>;
    readonly requestsOfCitizen: DataLoader<string, readonly ElectricityRequestRecord[]>;
  };
}

const system: LegacySystem = 'ceet';

/** Fresh loaders per request: batching within a request, no stale data across requests. */
export function createElectricityContext(
  ceet: CeetAdapter,
  outbox: Outbox<ElectricityRequestRecord>,
  lastKnown: LastKnownStore<ElectricityRequestRecord>,
  principal: Principal,
): ElectricityContext {
  const access = createAccessRecorder();
  const dossiers = dossierLoaders({
    system,
    ministry: 'ENERGY',
    principal,
    access,
    lastKnown,
    outbox,
    queuedRecord: queuedElectricityRecord,
    getMany: (references) => ceet.getDossiers(references),
    listOfCitizen: (niu) => ceet.listDossiersOfCitizen(niu),
    notFound: (reference) => new AdapterError({ code: 'NOT_FOUND', system, operation: 'getRequests', retryable: false, message: `no request ${reference}`, userMessage: `Aucune demande de raccordement ${reference}.` }),
  });
  return {
    principal,
    access,
    ceet,
    outbox,
    worklist: dossiers.worklist,
    loaders: { request: dossiers.byReference, requestsOfCitizen: dossiers.ofCitizen },
  };
}
