import { generateWorld, type World } from '../legacy/world/index.js';

/** The simulators' world: the stack is started with these, and the bench picks its keys from the same world. */
export const benchWorldSeed = 20_261_123;
export const benchWorldNow = '2026-11-01';

/** A dossier of one citizen: what `status` asks for, and whose token may ask. */
export interface StatusKey {
  /** Graph reference, `CEET-2026-000123`. */
  readonly reference: string;
  readonly niu: string;
}

/** The keys the scenarios rotate through, picked from the seeded world. */
export interface BenchKeys {
  readonly world: World;
  /** CEET dossiers (one subgraph, one legacy system), each with its applicant. */
  readonly status: readonly StatusKey[];
  /** Citizens with dossiers in all three systems, few enough to fit the dashboard's page of 20. */
  readonly dashboard: readonly string[];
  /** Pages of 100 in CEET's worklist that are full. */
  readonly agentPages: number;
}

/** Evenly spread picks, so that keys come from the whole world rather than its first citizens. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}

/** Picks `citizens` applicants for `status` and as many dashboard citizens from the world the stack seeds. */
export function pickBenchKeys(scale: number, citizens: number): BenchKeys {
  const world = generateWorld({ seed: benchWorldSeed, scale, now: benchWorldNow });
  const systemsOf = new Map<string, { ceet: string[]; urb: number; rnec: number }>();
  const entry = (niu: string) => {
    let found = systemsOf.get(niu);
    if (!found) systemsOf.set(niu, (found = { ceet: [], urb: 0, rnec: 0 }));
    return found;
  };
  for (const request of world.electricityRequests) entry(request.niu).ceet.push(`CEET-${request.numero}`);
  for (const permit of world.permitApplications) entry(permit.niu).urb += 1;
  for (const copy of world.copyRequests) entry(copy.niu).rnec += 1;
  const applicants = spread(
    [...systemsOf.entries()].filter(([, s]) => s.ceet.length > 0),
    citizens,
  );
  const status = applicants.flatMap(([niu, s]) => s.ceet.map((reference) => ({ reference, niu })));
  const dashboard = spread(
    [...systemsOf.entries()].filter(([, s]) => s.ceet.length > 0 && s.urb > 0 && s.rnec > 0 && s.ceet.length + s.urb + s.rnec <= 20).map(([niu]) => niu),
    citizens,
  );
  if (status.length === 0 || dashboard.length === 0) throw new Error(`the world at scale ${scale} has no citizen for the status or dashboard scenario`);
  return { world, status, dashboard, agentPages: Math.max(1, Math.floor(world.electricityRequests.length / 100)) };
}
