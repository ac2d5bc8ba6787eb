import { z } from 'zod';
import { envInt, envMs, envUrl } from '../../lib/config/index.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type CallPolicy } from '../shared/index.js';

export interface UrbanismeAdapterOptions {
  /** Urbanisme's base URL, e.g. `http://127.0.0.1:4203`. */
  readonly baseUrl: string;
  /** Upper bound on one call, connection to last byte (used by the default policy). */
  readonly timeoutMs: number;
  /** `?numeros=` batches in flight at once for one getApplications call; default 4. */
  readonly maxConcurrency?: number;
  /** Largest answer read from Urbanisme (after decompression); a bigger one is BAD_BACKEND_RESPONSE. Default 5 MB. */
  readonly maxResponseBytes?: number;
  /** The call policy every request goes through; default `createCallPolicy({ system: 'urbanisme', timeoutMs })`. */
  readonly policy?: CallPolicy;
}

/** Environment fragment for a service that talks to Urbanisme: merge it into the service's own schema. */
export const urbanismeAdapterEnvSchema = z.object({
  URBANISME_URL: envUrl('http://127.0.0.1:4203'),
  URBANISME_TIMEOUT_MS: envMs(3_000),
  URBANISME_MAX_CONCURRENCY: envInt(4, 1, 64),
  /** Largest Urbanisme answer read, in bytes, after decompression; a bigger one is BAD_BACKEND_RESPONSE. */
  URBANISME_MAX_RESPONSE_BYTES: envInt(DEFAULT_MAX_RESPONSE_BYTES, 1_024, 1_000_000_000),
});

export type UrbanismeAdapterEnv = z.infer<typeof urbanismeAdapterEnvSchema>;

/** Adapter options from an environment already validated with `urbanismeAdapterEnvSchema` (or a schema extending it). */
export function urbanismeAdapterOptionsFromEnv(env: UrbanismeAdapterEnv): UrbanismeAdapterOptions {
  return { baseUrl: env.URBANISME_URL, timeoutMs: env.URBANISME_TIMEOUT_MS, maxConcurrency: env.URBANISME_MAX_CONCURRENCY, maxResponseBytes: env.URBANISME_MAX_RESPONSE_BYTES };
}
