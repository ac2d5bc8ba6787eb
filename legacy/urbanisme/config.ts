import type { z } from 'zod';
import { readConfig } from '../../lib/config/index.js';
import { legacyEnvSchema } from '../shared/index.js';
import { heavyCitizensEnvSchema } from '../world/index.js';

/** Environment of the Urbanisme simulator: the shared knobs (port 4203, latency 80/300 ms) and the heavy citizens. */
export const urbanismeEnvSchema = legacyEnvSchema({ port: 4203, latency: { medianMs: 80, p95Ms: 300 } }).extend(heavyCitizensEnvSchema.shape);

export type UrbanismeSimulatorConfig = z.infer<typeof urbanismeEnvSchema>;

export function readUrbanismeConfig(env: NodeJS.ProcessEnv = process.env): UrbanismeSimulatorConfig {
  return readConfig('legacy-urbanisme', urbanismeEnvSchema, env);
}
