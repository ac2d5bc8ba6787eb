import { z } from 'zod';
import { envHost, envInt, envNumber, envPort } from '../../lib/config/index.js';
import { knobsEnvSchema, type LatencySettings } from './knobs.js';

/** Environment shared by every simulator: where to listen, which world to seed, fault and latency knobs. */
export const legacyEnvSchema = (defaults: { port: number; latency: LatencySettings }) =>
  knobsEnvSchema(defaults.latency).extend({
    HOST: envHost(),
    PORT: envPort(defaults.port),
    /** Seed of the deterministic world; every simulator must use the same one. */
    SEED: envInt(20_261_123),
    /** 1 ≈ 20,000 citizens and 60,000 dossiers; scales linearly. */
    SCALE: envNumber(1, 0.001, 200),
    /** The seeded world's "today" (ISO date), so that seeded data never depends on the clock. */
    SEED_NOW: z.iso.date({ error: 'expected an ISO date (YYYY-MM-DD)' }).default('2026-11-01'),
  });

export type LegacyEnv = z.infer<ReturnType<typeof legacyEnvSchema>>;
