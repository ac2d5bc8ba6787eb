import { createCeetAdapter } from '../../adapters/ceet/index.js';
import { createRnecAdapter } from '../../adapters/rnec/index.js';
import { mapWithConcurrency, type DossierRecord } from '../../adapters/shared/index.js';
import { createMinesAdapter } from '../../adapters/mines/index.js';
import { createUrbanismeAdapter } from '../../adapters/urbanisme/index.js';
import type { LegacyUrls } from './legacy-admin.js';
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
 * "is there one?" — is what lets a second copy of a submission show up.
 */
export async function countLegacyRecords(legacyUrls: LegacyUrls, niusBySystem: Readonly<Record<SoakSystem, readonly string[]>>): Promise<LegacyCount> {
  const timeoutMs = 10_000;
  const ceet = createCeetAdapter({ baseUrl: legacyUrls.ceet, apiKey: 'dev-ceet-key', timeoutMs });
  const urbanisme = createUrbanismeAdapter({ baseUrl: legacyUrls.urbanisme, timeoutMs });
  const rnec = createRnecAdapter({ url: `${legacyUrls.rnec}/ws/rnec`, timeoutMs });
  const mines = createMinesAdapter({ baseUrl: legacyUrls.mines, timeoutMs });
  const lists: Readonly<Record<SoakSystem, (niu: string) => Promise<readonly DossierRecord[]>>> = {
    ceet: (niu) => ceet.listDossiersOfCitizen(niu),
    urbanisme: (niu) => urbanisme.listDossiersOfCitizen(niu),
    rnec: (niu) => rnec.listCopyRequests(niu),
    mines: (niu) => mines.listDossiersOfCitizen(niu),
  };
  const found = new Map<string, string[]>();
  const totals = new Map<string, number>();
  for (const system of soakSystems) {
    const nius = niusBySystem[system];
    const records = await mapWithConcurrency(nius, 4, (niu) => lists[system](niu));
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
