import type { MinistryCode } from './procedures.js';

/**
 * The legacy systems Guichet talks to, one per ministry back end: the one list every per-system table is typed by
 * (adapters, outbox, audit, legacy health, supervision feeds). Adding a ministry adds its code here first
 * (`npm run new:ministry` does it); the compiler then points at every table that lacks its row.
 */
export const legacySystems = [
  'rnec',
  'ceet',
  'urbanisme',
  'mines',
  // new-ministry:legacy-systems
] as const;

export type LegacySystem = (typeof legacySystems)[number];

/** The ministry whose dossiers each system holds (what its agents' `agent:<MINISTRY>` scope names). */
export const ministryOfLegacySystem: Readonly<Record<LegacySystem, MinistryCode>> = {
  rnec: 'CIVIL_REGISTRY',
  ceet: 'ENERGY',
  urbanisme: 'URBAN_PLANNING',
  mines: 'MINES',
  // new-ministry:legacy-system-ministries
};

/** Ministries that have a simulated system (and so agents who can see dossiers), in the order of the list above. */
export const ministriesWithASystem: readonly MinistryCode[] = [...new Set(legacySystems.map((system) => ministryOfLegacySystem[system]))];

export function isLegacySystem(value: string): value is LegacySystem {
  return (legacySystems as readonly string[]).includes(value);
}
