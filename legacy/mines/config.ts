import type { z } from 'zod';
import { readConfig } from '../../lib/config/index.js';
import { legacyEnvSchema } from '../shared/index.js';

/** Environment of the Mines simulator: the shared knobs (port 4204, latency 120/400 ms). */
export const minesEnvSchema = legacyEnvSchema({ port: 4204, latency: { medianMs: 120, p95Ms: 400 } });

export type MinesSimulatorConfig = z.infer<typeof minesEnvSchema>;

export function readMinesConfig(env: NodeJS.ProcessEnv = process.env): MinesSimulatorConfig {
  return readConfig('legacy-mines', minesEnvSchema, env);
}
