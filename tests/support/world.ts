import { seedMinesDossiers, type DossierMines } from '../../legacy/mines/index.js';
import { generateWorld, type World } from '../../legacy/world/index.js';

/** The world the test stack is seeded with: small, so the stack starts fast, but with every case in it. */
export const testWorldOptions = { seed: 20_261_123, scale: 0.05, now: '2026-11-01' } as const;

let cached: World | undefined;

export function testWorld(): World {
  cached ??= generateWorld(testWorldOptions);
  return cached;
}

export interface CitizenDossiers {
  readonly niu: string;
  readonly ceet: string[];
  readonly urb: string[];
  readonly rnec: string[];
  /** Energy & mines (SIGEM), seeded apart: a minority of citizens. */
  readonly mem: string[];
}

/** Graph references of each citizen's dossiers, per system. */
export function dossiersByCitizen(): Map<string, CitizenDossiers> {
  const world = testWorld();
  const out = new Map<string, CitizenDossiers>();
  const entry = (niu: string) => {
    let e = out.get(niu);
    if (!e) out.set(niu, (e = { niu, ceet: [], urb: [], rnec: [], mem: [] }));
    return e;
  };
  for (const r of world.electricityRequests) entry(r.niu).ceet.push(`CEET-${r.numero}`);
  for (const p of world.permitApplications) entry(p.niu).urb.push(`URB-${p.numero.slice(3)}`);
  for (const c of world.copyRequests) entry(c.niu).rnec.push(`RNEC-${c.number.slice(3)}`);
  for (const d of testMinesDossiers()) entry(d.NuiDemandeur).mem.push(minesReference(d.NumeroDossier));
  return out;
}

/**
 * Citizens with dossiers in the three original systems, few enough to fit one page of 20, and none at SIGEM: the
 * suites count a citizen's dossiers as CEET + URB + RNEC (energy-mines.test.ts has its own citizens).
 */
export function citizensInAllSystems(): CitizenDossiers[] {
  return [...dossiersByCitizen().values()].filter((c) => c.ceet.length > 0 && c.urb.length > 0 && c.rnec.length > 0 && c.mem.length === 0 && c.ceet.length + c.urb.length + c.rnec.length <= 20);
}

/** Citizens with energy & mines dossiers, and dossiers in other systems too, few enough to fit one page of 20. */
export function citizensWithMinesDossiers(): CitizenDossiers[] {
  return [...dossiersByCitizen().values()].filter((c) => c.mem.length > 0 && c.ceet.length + c.urb.length + c.rnec.length > 0 && c.ceet.length + c.urb.length + c.rnec.length + c.mem.length <= 20);
}

/** The first of them: the contract tests' citizen. */
export function citizenInAllSystems(): CitizenDossiers {
  const found = citizensInAllSystems()[0];
  if (!found) throw new Error('the test world has no citizen with dossiers in every system');
  return found;
}

let minesCached: DossierMines[] | undefined;

/** The energy & mines (SIGEM) dossiers of the test world, seeded apart from the rest of it. */
export function testMinesDossiers(): readonly DossierMines[] {
  minesCached ??= seedMinesDossiers(testWorld());
  return minesCached;
}

/** `2026/000123` → the graph reference `MEM-2026-000123`. */
export const minesReference = (numero: string) => `MEM-${numero.replace('/', '-')}`;
