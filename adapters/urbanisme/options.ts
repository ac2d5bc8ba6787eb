import { z } from 'zod';
import { envUrl } from '../../lib/config/index.js';
import { adapterEnvOptions, adapterEnvShape, type CallPolicy, type ResilienceOptions } from '../shared/index.js';

export interface UrbanismeAdapterOptions {
  /** Urbanisme's base URL, e.g. `http://127.0.0.1:4203`. */
  readonly baseUrl: string;
  /** Upper bound on one attempt, connection to last byte (used by the default policy). */
  readonly timeoutMs: number;
  /** Deadline, retries of reads, circuit breaker, bulkhead (used by the default policy); see ResilienceOptions. */
  readonly resilience?: ResilienceOptions;
  /** `?numeros=` batches in flight at once for one getDossiers call; default 4. */
  readonly maxConcurrency?: number;
  /** Largest answer read from Urbanisme (after decompression); a bigger one is BAD_BACKEND_RESPONSE. Default 5 MB. */
  readonly maxResponseBytes?: number;
  /** The call policy every request goes through; default `createCallPolicy({ system: 'urbanisme', timeoutMs, ...resilience })`. */
  readonly policy?: CallPolicy;
}

/** Environment fragment for a service that talks to Urbanisme: merge it into the service's own schema. */
export const urbanismeAdapterEnvSchema = z.object({
  URBANISME_URL: envUrl('http://127.0.0.1:4203'),
  ...adapterEnvShape('URBANISME'),
});

export type UrbanismeAdapterEnv = z.infer<typeof urbanismeAdapterEnvSchema>;

/** Adapter options from an environment already validated with `urbanismeAdapterEnvSchema` (or a schema extending it). */
export function urbanismeAdapterOptionsFromEnv(env: UrbanismeAdapterEnv): UrbanismeAdapterOptions {
  return {
    baseUrl: env.URBANISME_URL,
    ...adapterEnvOptions('URBANISME', env),
  };
}
