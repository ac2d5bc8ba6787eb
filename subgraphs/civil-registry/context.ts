import type DataLoader from 'dataloader';
import type { CitizenRecord, CivilActCopyRequestRecord, CivilActRecord, RnecAdapter } from '../../adapters/rnec/index.js';
import { AdapterError } from '../../adapters/shared/index.js';
import { maskNiu } from '../../lib/log/index.js';
import { createAccessRecorder } from '../../audit/index.js';
import type { Principal } from '../../auth/index.js';
import type { Outbox } from '../../outbox/index.js';
import { batchLoader, canSeeAct, canSeeCitizen, dossierLoaders, listLoader, recordedWhenVisible, type LastKnownStore, type SubgraphContext } from '../shared/index.js';
import { actNotFound } from './copy-entitlement.js';
import { queuedCopyRecord } from './queued-copy-request.js';

export interface CivilRegistryContext extends SubgraphContext {
  readonly rnec: RnecAdapter;
  /** Copy requests RNEC could not take yet, delivered later by the forwarder. */
  readonly outbox: Outbox<CivilActCopyRequestRecord>;
  readonly loaders: {
    /** Batched `ConsulterPersonnes` (≤ 50 NIUs a call); NIUs the caller may not see are NOT_FOUND. */
    readonly citizen: DataLoader<string, CitizenRecord>;
    readonly actsOfCitizen: DataLoader<string, readonly CivilActRecord[]>;
    /** Acts by number the caller may see (persons of the act, or an integrator allowed to read citizens); recorded. */
    readonly act: DataLoader<string, CivilActRecord>;
    /**
     * Acts by number, UNCHECKED: only for deciding an entitlement (`actOfCopyRequest`, the filing check), never
     * returned as such.
     */
    readonly actForEntitlement: DataLoader<string, CivilActRecord>;
    /** A person's acts, UNCHECKED: only for the spouse rule of an entitlement, never returned. */
    readonly actsForEntitlement: DataLoader<string, readonly CivilActRecord[]>;
    readonly copyRequest: DataLoader<string, CivilActCopyRequestRecord>;
    readonly copyRequestsOfCitizen: DataLoader<string, readonly CivilActCopyRequestRecord[]>;
  };
}

/** Fresh loaders per request: batching within a request, no stale data across requests. */
export function createCivilRegistryContext(
  rnec: RnecAdapter,
  outbox: Outbox<CivilActCopyRequestRecord>,
  lastKnown: LastKnownStore<CivilActCopyRequestRecord>,
  principal: Principal,
): CivilRegistryContext {
  const access = createAccessRecorder();
  const copies = dossierLoaders({
    system: 'rnec',
    ministry: 'CIVIL_REGISTRY',
    principal,
    access,
    lastKnown,
    outbox,
    queuedRecord: queuedCopyRecord,
    getMany: (references) => rnec.getCopyRequests(references),
    listOfCitizen: (niu) => rnec.listCopyRequests(niu),
    notFound: (reference) => new AdapterError({ code: 'NOT_FOUND', system: 'rnec', operation: 'SuivreDemande', retryable: false, message: `no request ${reference}`, userMessage: `Aucune demande de copie ${reference}.` }),
  });
  const visibleAct = recordedWhenVisible((act: CivilActRecord) => canSeeAct(principal, act.personNius), access, 'rnec', (act) => act.personNius);
  const visibleCitizen = recordedWhenVisible((record: CitizenRecord) => canSeeCitizen(principal, record.niu), access, 'rnec', (r) => [r.niu]);
  return {
    principal,
    access,
    rnec,
    outbox,
    loaders: {
      citizen: batchLoader(
        (nius) => rnec.getCitizens(nius),
        (niu) => new AdapterError({ code: 'NOT_FOUND', system: 'rnec', operation: 'ConsulterPersonnes', retryable: false, message: `no person ${maskNiu(niu)}`, userMessage: 'Aucun citoyen ne correspond à ce NIU.' }),
        visibleCitizen,
      ),
      actsOfCitizen: listLoader((niu) => rnec.listActs(niu), visibleAct),
      act: batchLoader((numbers) => rnec.getActs(numbers), actNotFound, visibleAct),
      actForEntitlement: batchLoader((numbers) => rnec.getActs(numbers), actNotFound),
      actsForEntitlement: listLoader((niu) => rnec.listActs(niu)),
      copyRequest: copies.byReference,
      copyRequestsOfCitizen: copies.ofCitizen,
    },
  };
}
