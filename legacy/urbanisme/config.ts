import type { z } from 'zod';
import { readConfig } from '../../lib/config/index.js';
import { legacyEnvSchema } from '../shared/index.js';

/** Environment of the Urbanisme simulator: only the shared knobs (port 4203, latency 80/300 ms). */
export const urbanismeEnvSchema = legacyEnvSchema({ port: 4203, latency: { medianMs: 80, p95Ms: 300 } });

export type UrbanismeSimulatorConfig = z.infer<typeof urbanismeEnvSchema>;

export function readUrbanismeConfig(env: NodeJS.ProcessEnv = process.env): UrbanismeSimulatorConfig {
  return readConfig('legacy-urbanisme', urbanismeEnvSchema, env);
}
