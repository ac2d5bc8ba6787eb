import type DataLoader from 'dataloader';
import { AdapterError, type LegacySystem } from '../../adapters/shared/index.js';
import type { CeetAdapter, ElectricityRequestRecord } from '../../adapters/ceet/index.js';
import { createAccessRecorder } from '../../audit/index.js';
import type { Principal } from '../../auth/index.js';
import type { Outbox } from '../../outbox/index.js';
import { batchLoader, canSeeDossier, listLoader, recordedWhenVisible, withGuichetReferences, withLastKnown, withLastKnownList, type LastKnownStore, type SubgraphContext } from '../shared/index.js';
import { queuedElectricityRecord } from './queued-request.js';

export interface ElectricityContext extends SubgraphContext {
  readonly ceet: CeetAdapter;
  /** Applications CEET could not take yet, delivered later by the forwarder. */
  readonly outbox: Outbox<ElectricityRequestRecord>;
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
  // A citizen's list, remembered so an outage answers with the last known one (marked stale).
  const citizenList = withLastKnownList((niu: string) => ceet.listRequestsOfCitizen(niu), lastKnown);
  const visible = recordedWhenVisible((record: ElectricityRequestRecord) => canSeeDossier(principal, 'ENERGY', record.applicantNiu), access, 'ceet', (r) => [r.applicantNiu]);
  return {
    principal,
    access,
    ceet,
    outbox,
    loaders: {
      request: batchLoader(
        withGuichetReferences<ElectricityRequestRecord | Error>(
          withLastKnown((references: readonly string[]) => ceet.getRequests(references), lastKnown, { mayServe: (r) => canSeeDossier(principal, 'ENERGY', r.applicantNiu) }),
          outbox,
          queuedElectricityRecord,
        ),
        (reference) => new AdapterError({ code: 'NOT_FOUND', system, operation: 'getRequests', retryable: false, message: `no request ${reference}`, userMessage: `Aucune demande de raccordement ${reference}.` }),
        visible,
      ),
      requestsOfCitizen: listLoader(
        async (niu) => [...(await citizenList(niu)), ...(await outbox.listForApplicant(niu)).map(queuedElectricityRecord)],
        visible,
      ),
    },
  };
}
