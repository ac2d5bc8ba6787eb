import { Random } from './random.js';

/** A citizen added on request (`HEAVY_CITIZENS`) so that a dashboard can be measured as dossiers pile up. */
export interface HeavyCitizen {
  readonly niu: string;
  /** Dossiers across the three systems: exactly the count asked for. */
  readonly dossierCount: number;
  /** RNEC copy requests (of their birth act). */
  readonly copyRequests: number;
  /** CEET connection requests (some for the plots of their delivered permits). */
  readonly electricityRequests: number;
  /** Urbanisme building-permit applications, one per plot. */
  readonly permitApplications: number;
}

/** At least one dossier in each system; at most what every adapter's per-citizen walk accepts with room to spare. */
export const HEAVY_DOSSIERS_MIN = 3;
export const HEAVY_DOSSIERS_MAX = 5_000;
export const HEAVY_CITIZENS_MAX = 20;

/** Salt of the heavy citizens' own random streams: the ordinary world's draws are never touched. */
const NIU_SALT = 0x6e_69_75_48;

/**
 * The heavy citizens a world with `counts` holds, in order: pure and cheap, so a load generator knows their NIUs
 * without generating the world or asking a simulator. A NIU depends only on (seed, position): `[10, 100]` and
 * `[10, 100, 1000]` share their first two citizens. Heavy NIUs start with 0, which ordinary NIUs never do (their
 * first digit is 1–9), so they cannot collide with a seeded citizen.
 */
export function heavyCitizens(seed: number, counts: readonly number[]): HeavyCitizen[] {
  if (counts.length > HEAVY_CITIZENS_MAX) throw new RangeError(`at most ${HEAVY_CITIZENS_MAX} heavy citizens`);
  const random = new Random((seed ^ NIU_SALT) >>> 0);
  const nius = new Set<string>();
  return counts.map((dossierCount) => {
    if (!Number.isInteger(dossierCount) || dossierCount < HEAVY_DOSSIERS_MIN || dossierCount > HEAVY_DOSSIERS_MAX) {
      throw new RangeError(`a heavy citizen's dossier count must be a whole number from ${HEAVY_DOSSIERS_MIN} to ${HEAVY_DOSSIERS_MAX} (got ${dossierCount})`);
    }
    let niu = '';
    do niu = `0${random.digits(11)}`;
    while (nius.has(niu));
    nius.add(niu);
    // Two fifths copies, one fifth permits, the rest electricity: the ordinary world's proportions, roughly.
    const copyRequests = Math.round(dossierCount * 0.4);
    const permitApplications = Math.max(1, Math.round(dossierCount * 0.2));
    return { niu, dossierCount, copyRequests, permitApplications, electricityRequests: dossierCount - copyRequests - permitApplications };
  });
}

/** `HEAVY_CITIZENS=10,100,1000` → `[10, 100, 1000]`; empty → none. Throws a RangeError naming what is wrong. */
export function parseHeavyCitizens(text: string): number[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const counts = trimmed.split(',').map((part) => {
    const value = part.trim();
    if (!/^\d+$/.test(value)) throw new RangeError(`expected comma-separated dossier counts such as 10,100,1000 (got "${value}")`);
    return Number(value);
  });
  // Validates every count the same way the generator will.
  heavyCitizens(0, counts);
  return counts;
}
