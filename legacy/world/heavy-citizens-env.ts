import { z } from 'zod';
import { parseHeavyCitizens } from './heavy-citizens.js';

/**
 * `HEAVY_CITIZENS` (default empty: none): dossier counts of extra citizens to seed, e.g. `10,100,1000`. Every
 * simulator (and anything that checks NIUs against the world) must read the same value, like SEED and SCALE.
 */
export const heavyCitizensEnvSchema = z.object({
  HEAVY_CITIZENS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      try {
        return parseHeavyCitizens(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
});
