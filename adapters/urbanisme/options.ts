import { z } from 'zod';
import { envInt, envMs, envUrl } from '../../lib/config/index.js';
import { adapterEnvOptions, DEFAULT_MAX_RESPONSE_BYTES, resilienceEnv, type CallPolicy, type ResilienceOptions } from '../shared/index.js';

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
  /** One attempt, connection to last byte. */
  URBANISME_TIMEOUT_MS: envMs(3_000),
  /** Whole call: waiting for a slot, every attempt and backoff (never below URBANISME_TIMEOUT_MS). */
  URBANISME_DEADLINE_MS: resilienceEnv.deadlineMs(),
  /** Attempts of a safe read, the first included (1: no retry). Writes are never retried. */
  URBANISME_RETRY_MAX_ATTEMPTS: resilienceEnv.retryMaxAttempts(),
  /** Scale of the first jittered backoff; a `Retry-After` may ask for longer. */
  URBANISME_RETRY_BASE_DELAY_MS: resilienceEnv.retryBaseDelayMs(),
  URBANISME_RETRY_MAX_DELAY_MS: resilienceEnv.retryMaxDelayMs(),
  /** Backend failures in a row that open the circuit (0: no breaker). */
  URBANISME_BREAKER_THRESHOLD: resilienceEnv.breakerThreshold(),
  /** How long an open circuit refuses calls before letting one probe through. */
  URBANISME_BREAKER_HALF_OPEN_AFTER_MS: resilienceEnv.breakerHalfOpenAfterMs(),
  /** Calls in flight to the system at once (0: no bulkhead), and calls waiting beyond them. */
  URBANISME_BULKHEAD_LIMIT: resilienceEnv.bulkheadLimit(),
  URBANISME_BULKHEAD_QUEUE: resilienceEnv.bulkheadQueue(),
  URBANISME_MAX_CONCURRENCY: envInt(4, 1, 64),
  /** Largest Urbanisme answer read, in bytes, after decompression; a bigger one is BAD_BACKEND_RESPONSE. */
  URBANISME_MAX_RESPONSE_BYTES: envInt(DEFAULT_MAX_RESPONSE_BYTES, 1_024, 1_000_000_000),
});

export type UrbanismeAdapterEnv = z.infer<typeof urbanismeAdapterEnvSchema>;

/** Adapter options from an environment already validated with `urbanismeAdapterEnvSchema` (or a schema extending it). */
export function urbanismeAdapterOptionsFromEnv(env: UrbanismeAdapterEnv): UrbanismeAdapterOptions {
  return {
    baseUrl: env.URBANISME_URL,
    ...adapterEnvOptions('URBANISME', env),
  };
}
