import { z } from 'zod';
import { envInt } from '../../../lib/config/index.js';

/**
 * How long the gateway (or any HTTP cache) may keep what a subgraph declares cacheable, in seconds; 0 turns a class
 * off (its answers become `no-store` like everything else).
 */
export const cacheHintEnvSchema = z.object({
  /** Public data (the procedure catalogue): `max-age=…, public`. */
  CACHE_PUBLIC_MAX_AGE_S: envInt(300, 0, 86_400),
  /** A citizen's identity and civil acts, which rarely change: `max-age=…, private` (one caller's answer). */
  CACHE_IDENTITY_MAX_AGE_S: envInt(60, 0, 3_600),
  /**
   * A citizen's dossiers (lists and records by reference): `max-age=…, private` with the feed-proof header — the
   * gateway serves them again only while the change feeds prove them unchanged; this bounds it even then.
   */
  CACHE_FEED_MAX_AGE_S: envInt(300, 0, 3_600),
});

export type CacheHintEnv = z.infer<typeof cacheHintEnvSchema>;
