import { seedMinesDossiers } from '../../legacy/mines/index.js';
import type { World } from '../../legacy/world/index.js';
import type { LegacyCount } from './count-legacy-records.js';
import type { PlannedSubmission, SoakSystem } from './plan-submissions.js';

/** Records a citizen has that neither the seeded world nor a soak submission accounts for. */
export interface StrayRecords {
  readonly system: SoakSystem;
  readonly applicantNiu: string;
  readonly count: number;
}

/**
 * The external-reference count cannot see a filing that lost its reference on the way (a retry that files
 * without it, say): such a second copy shows up here instead, as a record too many in the citizen's list.
 */
export function findStrayRecords(world: World, plan: readonly PlannedSubmission[], legacy: LegacyCount): StrayRecords[] {
  const seeded = new Map<string, number>();
  const bump = (key: string) => seeded.set(key, (seeded.get(key) ?? 0) + 1);
  for (const r of world.electricityRequests) bump(`ceet:${r.niu}`);
  for (const p of world.permitApplications) bump(`urbanisme:${p.niu}`);
  for (const c of world.copyRequests) bump(`rnec:${c.niu}`);
  for (const d of seedMinesDossiers(world)) bump(`mines:${d.NuiDemandeur}`);
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
