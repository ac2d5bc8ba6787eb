import { legacySystems, type LegacySystem } from '../../schema/index.js';
import { legacyAdmin } from './legacy-admin.js';

export type LegacyCounters = Readonly<Record<LegacySystem, Record<string, number>>>;

/**
 * Every simulator's per-operation call counters at once (every system of the ministry registry): compare two
 * snapshots to prove nothing was called.
 */
export async function legacyCounters(): Promise<LegacyCounters> {
  const counters = await Promise.all(legacySystems.map(async (system) => [system, await legacyAdmin.calls(system)] as const));
  return Object.fromEntries(counters) as Record<LegacySystem, Record<string, number>>;
}
