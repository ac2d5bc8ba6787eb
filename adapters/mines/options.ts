import { z } from 'zod';
import { envUrl } from '../../lib/config/index.js';
import { adapterEnvOptions, adapterEnvShape, type CallPolicy, type ResilienceOptions } from '../shared/index.js';

export interface MinesAdapterOptions {
  /** The system's base URL, e.g. `http://127.0.0.1:4204`. */
  readonly baseUrl: string;
  /** Upper bound on one attempt, connection to last byte (used by the default policy). */
  readonly timeoutMs: number;
  /** Deadline, retries of reads, circuit breaker, bulkhead (used by the default policy); see ResilienceOptions. */
  readonly resilience?: ResilienceOptions;
  /** `?numeros=` batches in flight at once for one getDossiers call; default 4. */
  readonly maxConcurrency?: number;
  /** Largest answer read (after decompression); a bigger one is BAD_BACKEND_RESPONSE. Default 5 MB. */
  readonly maxResponseBytes?: number;
  /** The call policy every request goes through; default `createCallPolicy({ system: 'mines', timeoutMs, ...resilience })`. */
  readonly policy?: CallPolicy;
}

/** Environment fragment for a service that talks to Mines: merge it into the service's own schema. */
export const minesAdapterEnvSchema = z.object({
  MINES_URL: envUrl('http://127.0.0.1:4204'),
  ...adapterEnvShape('MINES'),
});

export type MinesAdapterEnv = z.infer<typeof minesAdapterEnvSchema>;

/** Adapter options from an environment already validated with `minesAdapterEnvSchema` (or a schema extending it). */
export function minesAdapterOptionsFromEnv(env: MinesAdapterEnv): MinesAdapterOptions {
  return {
    baseUrl: env.MINES_URL,
    ...adapterEnvOptions('MINES', env),
  };
}
