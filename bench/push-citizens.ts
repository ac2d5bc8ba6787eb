import { seedMinesDossiers } from '../legacy/mines/index.js';
import type { World } from '../legacy/world/index.js';
import { referenceOfLegacyNumber, type MovableDossier } from './push-changes.js';

/** A citizen of the push figures and the dossiers of theirs the figure moves. */
export interface PushCitizen {
  readonly niu: string;
  readonly dossiers: readonly MovableDossier[];
}

/**
 * `count` citizens spread over the world's applicants (every system's), each with up to `maxDossiers` of their
 * dossiers (from every system they have one in): the changes then come from all four feeds.
 */
export function pickPushCitizens(world: World, count: number, maxDossiers = 4): PushCitizen[] {
  const byOwner = new Map<string, MovableDossier[]>();
  const add = (system: MovableDossier['system'], legacyNumber: string, niu: string) => {
    const list = byOwner.get(niu) ?? [];
    byOwner.set(niu, list);
    list.push({ system, legacyNumber, niu, reference: referenceOfLegacyNumber(system, legacyNumber) });
  };
  for (const r of world.electricityRequests) add('ceet', r.numero, r.niu);
  for (const p of world.permitApplications) add('urbanisme', p.numero, p.niu);
  for (const c of world.copyRequests) add('rnec', c.number, c.niu);
  for (const m of seedMinesDossiers(world)) add('mines', m.NumeroDossier, m.NuiDemandeur);
  // Citizens in several systems first (they make the mix), then the others; evenly spread over each group.
  const owners = [...byOwner.entries()].sort(([a, x], [b, y]) => systemsOf(y) - systemsOf(x) || a.localeCompare(b));
  const step = Math.max(1, owners.length / count);
  const picked: PushCitizen[] = [];
  for (let i = 0; picked.length < count && Math.floor(i * step) < owners.length; i += 1) {
    const [niu, dossiers] = owners[Math.floor(i * step)]!;
    picked.push({ niu, dossiers: interleave(dossiers).slice(0, maxDossiers) });
  }
  return picked;
}

const systemsOf = (dossiers: readonly MovableDossier[]) => new Set(dossiers.map((d) => d.system)).size;

/** One dossier of each system in turn, so that a cap keeps every system the citizen has. */
function interleave(dossiers: readonly MovableDossier[]): MovableDossier[] {
  const groups = new Map<string, MovableDossier[]>();
  for (const d of dossiers) groups.set(d.system, [...(groups.get(d.system) ?? []), d]);
  const out: MovableDossier[] = [];
  for (let round = 0; out.length < dossiers.length; round += 1) for (const group of groups.values()) if (group[round]) out.push(group[round]!);
  return out;
}
