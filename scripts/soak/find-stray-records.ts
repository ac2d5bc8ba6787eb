import type { World } from '../../legacy/world/index.js';
import type { LegacyCount } from './count-legacy-records.js';
import { soakSystems, type PlannedSubmission, type SoakSystem } from './plan-submissions.js';

/** Records a citizen has that neither the seeded world nor a soak submission accounts for. */
export interface StrayRecords {
  readonly system: SoakSystem;
  readonly applicantNiu: string;
  readonly count: number;
}

/** How many records each citizen starts with in each system: key `<system>:<NIU>`. */
export type SeededRecords = ReadonlyMap<string, number>;

/**
 * The seeded world's records, per system and citizen: each `legacy/<system>/index.ts` exports `seededApplicants(world)`
 * (loaded by name, for every system of the ministry registry the soak files with).
 */
export async function countSeededRecords(world: World): Promise<SeededRecords> {
  const seeded = new Map<string, number>();
  for (const system of soakSystems) {
    const specifier = `../../legacy/${system}/index.js`;
    const module: unknown = await import(/* @vite-ignore */ specifier);
    const applicantsOf = typeof module === 'object' && module !== null && 'seededApplicants' in module ? module.seededApplicants : undefined;
    if (typeof applicantsOf !== 'function') throw new Error(`legacy/${system}/index.ts does not export seededApplicants(world)`);
    for (const niu of applicantsOf(world) as readonly string[]) seeded.set(`${system}:${niu}`, (seeded.get(`${system}:${niu}`) ?? 0) + 1);
  }
  return seeded;
}

/**
 * The external-reference count cannot see a filing that lost its reference on the way (a retry that files
 * without it, say): such a second copy shows up here instead, as a record too many in the citizen's list.
 */
export function findStrayRecords(seeded: SeededRecords, plan: readonly PlannedSubmission[], legacy: LegacyCount): StrayRecords[] {
  const filed = new Map<string, number>();
  for (const p of plan) {
    const key = `${p.system}:${p.applicantNiu}`;
    filed.set(key, (filed.get(key) ?? 0) + (legacy.byExternalReference.get(p.externalReference)?.length ?? 0));
  }
  const strays: StrayRecords[] = [];
  for (const [key, total] of legacy.totals) {
    const count = total - (seeded.get(key) ?? 0) - (filed.get(key) ?? 0);
    const [system, applicantNiu] = key.split(':') as [SoakSystem, string];
    if (count !== 0) strays.push({ system, applicantNiu, count });
  }
  return strays;
}
