import type { CitizenRecord, CivilActRecord, RnecAdapter } from '../../adapters/rnec/index.js';
import { cachedBatch, cachedCall, createTtlCache, type TtlCacheOptions } from '../shared/index.js';

/**
 * The RNEC adapter with a short-lived cache, shared by every request of the process, in front of the reads that
 * rarely change: persons (`ConsulterPersonnes`), a person's acts (`ListerActes`) and acts by number. Copy requests
 * carry a status and are always read live. The cache holds the adapter's raw records: each request's DataLoaders sit
 * in front of it and still filter what their caller may see and record the access. Each of the three caches keeps
 * at most `maxEntries`.
 */
export function withIdentityCache<A extends RnecAdapter>(rnec: A, options: TtlCacheOptions): A {
  const citizens = createTtlCache<CitizenRecord>(options);
  const actLists = createTtlCache<readonly CivilActRecord[]>(options);
  const acts = createTtlCache<CivilActRecord>(options);
  const getActs = cachedBatch((numbers: readonly string[]) => rnec.getActs(numbers), acts);
  return {
    ...rnec,
    getCitizens: cachedBatch((nius: readonly string[]) => rnec.getCitizens(nius), citizens),
    listActs: cachedCall((niu: string) => rnec.listActs(niu), actLists),
    getActs,
    async getAct(actNumber) {
      const cached = acts.get(actNumber);
      if (cached) return cached;
      const act = await rnec.getAct(actNumber);
      acts.set(actNumber, act);
      return act;
    },
  };
}
