import type DataLoader from 'dataloader';
import type { MinesAdapter, EnergyMinesApplicationRecord } from '../../adapters/mines/index.js';
import { AdapterError, type LegacySystem } from '../../adapters/shared/index.js';
import { createAccessRecorder } from '../../audit/index.js';
import type { Principal } from '../../auth/index.js';
import type { Outbox } from '../../outbox/index.js';
import { dossierLoaders, type LastKnownStore, type SubgraphContext } from '../shared/index.js';
import { queuedEnergyMinesApplicationRecord } from './queued-energy-mines-application.js';

export interface EnergyMinesContext extends SubgraphContext {
  readonly mines: MinesAdapter;
  /** Applications the ministry could not take yet, delivered later by the forwarder. */
  readonly outbox: Outbox<EnergyMinesApplicationRecord>;
  /** A worklist page as the caller may see it, each dossier on its applicant's access log (DossierLoaders.worklist). */
  readonly worklist: (records: readonly EnergyMinesApplicationRecord[]) => EnergyMinesApplicationRecord[];
  readonly loaders: {
    readonly application: DataLoader<string, EnergyMinesApplicationRecord>;
    readonly applicationsOfCitizen: DataLoader<string, readonly EnergyMinesApplicationRecord[]>;
  };
}

const system: LegacySystem = 'mines';

/** Fresh loaders per request: batching within a request, no stale data across requests. */
export function createEnergyMinesContext(
  adapter: MinesAdapter,
  outbox: Outbox<EnergyMinesApplicationRecord>,
  lastKnown: LastKnownStore<EnergyMinesApplicationRecord>,
  principal: Principal,
): EnergyMinesContext {
  const access = createAccessRecorder();
  const dossiers = dossierLoaders({
    system,
    ministry: 'MINES',
    principal,
    access,
    lastKnown,
    outbox,
    queuedRecord: queuedEnergyMinesApplicationRecord,
    getMany: (references) => adapter.getDossiers(references),
    listOfCitizen: (niu) => adapter.listDossiersOfCitizen(niu),
    notFound: (reference) => new AdapterError({ code: 'NOT_FOUND', system, operation: 'getApplications', retryable: false, message: `no application ${reference}`, userMessage: `Aucune demande ${reference}.` }),
  });
  return {
    principal,
    access,
    mines: adapter,
    outbox,
    worklist: dossiers.worklist,
    loaders: { application: dossiers.byReference, applicationsOfCitizen: dossiers.ofCitizen },
  };
}
