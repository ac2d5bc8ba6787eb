import { readConfig } from '../../lib/config/index.js';
import { knobsFromEnv, legacyEnvSchema, type FaultSettings, type LatencySettings } from '../shared/index.js';
import { heavyCitizensEnvSchema, type WorldOptions } from '../world/index.js';

export const rnecSimulatorEnvSchema = legacyEnvSchema({ port: 4201, latency: { medianMs: 120, p95Ms: 600 } }).extend(heavyCitizensEnvSchema.shape);

export interface RnecSimulatorConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The seeded world (same options in every simulator). */
  readonly world: WorldOptions;
  readonly faults: FaultSettings;
  readonly latency: LatencySettings;
}

export function readRnecSimulatorConfig(env: NodeJS.ProcessEnv): RnecSimulatorConfig {
  const parsed = readConfig('legacy-rnec', rnecSimulatorEnvSchema, env);
  return { host: parsed.HOST, port: parsed.PORT, world: { seed: parsed.SEED, scale: parsed.SCALE, now: parsed.SEED_NOW, heavyCitizens: parsed.HEAVY_CITIZENS }, ...knobsFromEnv(parsed) };
}
