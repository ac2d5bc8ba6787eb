import type DataLoader from 'dataloader';
import type { CitizenRecord, CivilActCopyRequestRecord, CivilActRecord, RnecDossierAdapter } from '../../adapters/rnec/index.js';
import { AdapterError, type ReceivedPiece } from '../../adapters/shared/index.js';
import { maskNiu } from '../../lib/log/index.js';
import { batchLoader, canSeeAct, canSeeCitizen, listLoader, recordedWhenVisible, type MinistryContext } from '../shared/index.js';
import { actNotFound } from './copy-entitlement.js';

export interface CivilRegistryContext extends MinistryContext<CivilActCopyRequestRecord, RnecDossierAdapter> {
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
    /**
     * The pieces RNEC holds for a copy request, by its reference (`ListerPieces`): RNEC's request record does not list
     * them, and RNEC has no batch of it, so one call per request shown, made only when `documents` is asked, once per
     * request of the graph. Only for a request the caller may already read (the field's parent).
     */
    readonly pieces: DataLoader<string, readonly ReceivedPiece[]>;
  };
}

/** The shared ministry context plus persons and acts, each with its own visibility rule (fresh per request). */
export function civilRegistryContext(base: MinistryContext<CivilActCopyRequestRecord, RnecDossierAdapter>): CivilRegistryContext {
  const { principal, access, adapter: rnec } = base;
  const visibleAct = recordedWhenVisible(
    (act: CivilActRecord) => canSeeAct(principal, act.personNius),
    access,
    'rnec',
    (act) => act.personNius,
  );
  const visibleCitizen = recordedWhenVisible(
    (record: CitizenRecord) => canSeeCitizen(principal, record.niu),
    access,
    'rnec',
    (r) => [r.niu],
  );
  return {
    ...base,
    loaders: {
      citizen: batchLoader(
        (nius) => rnec.getCitizens(nius),
        (niu) =>
          new AdapterError({
            code: 'NOT_FOUND',
            system: 'rnec',
            operation: 'ConsulterPersonnes',
            retryable: false,
            message: `no person ${maskNiu(niu)}`,
            userMessage: 'Aucun citoyen ne correspond à ce NIU.',
          }),
        visibleCitizen,
      ),
      actsOfCitizen: listLoader((niu) => rnec.listActs(niu), visibleAct),
      act: batchLoader((numbers) => rnec.getActs(numbers), actNotFound, visibleAct),
      actForEntitlement: batchLoader((numbers) => rnec.getActs(numbers), actNotFound),
      actsForEntitlement: listLoader((niu) => rnec.listActs(niu)),
      pieces: listLoader((reference) => rnec.listPieces(reference)),
    },
  };
}
