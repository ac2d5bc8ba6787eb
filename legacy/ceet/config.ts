import type { z } from 'zod';
import { envSecret, readConfig } from '../../lib/config/index.js';
import { legacyEnvSchema } from '../shared/index.js';
import { heavyCitizensEnvSchema } from '../world/index.js';

/** CEET's simulator environment: the shared legacy knobs (port 4202, latency 60/250 ms) plus its API key. */
export const ceetSimulatorEnvSchema = legacyEnvSchema({ port: 4202, latency: { medianMs: 60, p95Ms: 250 } }).extend({
  /** The one key CEET accepts in `X-Api-Key`. */
  CEET_API_KEY: envSecret('dev-ceet-key'),
  ...heavyCitizensEnvSchema.shape,
});

export type CeetSimulatorConfig = z.infer<typeof ceetSimulatorEnvSchema>;

/** Validated configuration from an environment (tests pass a small literal one: `{ PORT: '0', SCALE: '0.02' }`). */
export function readCeetSimulatorConfig(env: NodeJS.ProcessEnv = process.env): CeetSimulatorConfig {
  return readConfig('legacy-ceet', ceetSimulatorEnvSchema, env);
}
