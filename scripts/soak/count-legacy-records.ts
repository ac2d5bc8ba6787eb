import { mapWithConcurrency } from '../../adapters/shared/index.js';
import { loadAdapterKit } from '../../subgraphs/supervision/ingestion/index.js';
import { soakSystems, type SoakSystem } from './plan-submissions.js';

/** Every legacy record carrying a Guichet external reference: reference → the legacy references filed under it. */
export type LegacyRecordsByExternalReference = ReadonlyMap<string, readonly string[]>;

export interface LegacyCount {
  readonly byExternalReference: LegacyRecordsByExternalReference;
  /** How many records each citizen has in each system, whatever they carry: key `<system>:<NIU>`. */
  readonly totals: ReadonlyMap<string, number>;
}

/**
 * Reads the legacy systems themselves, through the real adapters (faults off by now): every request or dossier of
 * every citizen who filed, grouped by external reference. Listing all of a citizen's records — rather than asking
 * "is there one?" — is what lets a second copy of a submission show up. Each system's adapter is its kit's (loaded by
 * name from the ministry registry), pointed at the stack's simulator by `adapterEnv` (`CEET_URL`…, as the subgraphs).
 */
export async function countLegacyRecords(adapterEnv: Readonly<Record<string, string>>, niusBySystem: Readonly<Record<SoakSystem, readonly string[]>>): Promise<LegacyCount> {
  const found = new Map<string, string[]>();
  const totals = new Map<string, number>();
  for (const system of soakSystems) {
    const kit = await loadAdapterKit(system);
    const adapter = kit.create(kit.optionsFromEnv(kit.envSchema.parse({ ...adapterEnv, [`${system.toUpperCase()}_TIMEOUT_MS`]: '10000' })));
    const nius = niusBySystem[system];
    const records = await mapWithConcurrency(nius, 4, (niu) => adapter.listDossiersOfCitizen(niu));
    records.forEach((list, i) => totals.set(`${system}:${nius[i] ?? ''}`, list.length));
    for (const record of records.flat()) {
      if (!record.externalReference) continue;
      const references = found.get(record.externalReference) ?? [];
      references.push(record.reference);
      found.set(record.externalReference, references);
    }
  }
  return { byExternalReference: found, totals };
}
