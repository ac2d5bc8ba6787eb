import { z } from 'zod';
import { envInt } from '../../../lib/config/index.js';

/**
 * DOSSIER_LISTING_SEAL_MAX: how many of a citizen's dossiers, the most recently updated first, a ministry's list seals
 * for the page's entity fetches (the default page is 20; a later page or a filtered one falls back to the batch
 * lookup). Bounds what `@requires` carries for a citizen with many dossiers. 0 turns sealing off.
 */
export const listingSealEnvSchema = z.object({
  DOSSIER_LISTING_SEAL_MAX: envInt(20, 0, 100),
});

export interface ListingSealConfig {
  /** Most recently updated records sealed per list; 0: none. */
  readonly maxSealed: number;
}

export function listingSealConfigFromEnv(env: z.output<typeof listingSealEnvSchema>): ListingSealConfig {
  return { maxSealed: env.DOSSIER_LISTING_SEAL_MAX };
}
