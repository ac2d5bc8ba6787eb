import { connectedMinistries, type ConnectedMinistry } from './ministries.js';
import type { MinistryCode } from './procedures.js';

/** The code of a legacy system Guichet talks to (`ceet`), one per connected ministry of the registry. */
export type LegacySystem = ConnectedMinistry['system']['code'];

/**
 * The legacy systems Guichet talks to, one per ministry back end, in registry order: the one list every per-system
 * table is typed by (adapters, outbox, audit, legacy health, supervision feeds). It is derived from the ministry
 * registry (`schema/ministries.ts`): a new ministry's row adds its system here.
 */
export const legacySystems: readonly LegacySystem[] = connectedMinistries.map((m) => m.system.code);

/** A per-system table from the registry: `value` of each connected ministry's row, by its system's code. */
export function perLegacySystem<T>(value: (ministry: ConnectedMinistry) => T): Readonly<Record<LegacySystem, T>> {
  return Object.fromEntries(connectedMinistries.map((m) => [m.system.code, value(m)])) as Record<LegacySystem, T>;
}

/** The ministry whose dossiers each system holds (what its agents' `agent:<MINISTRY>` scope names). */
export const ministryOfLegacySystem: Readonly<Record<LegacySystem, MinistryCode>> = perLegacySystem((m) => m.code);

/** Ministries that have a simulated system (and so agents who can see dossiers), in the order of the list above. */
export const ministriesWithASystem: readonly MinistryCode[] = [...new Set(legacySystems.map((system) => ministryOfLegacySystem[system]))];

export function isLegacySystem(value: string): value is LegacySystem {
  return (legacySystems as readonly string[]).includes(value);
}
