import { z } from 'zod';
import { envInt, envMs, envUrl } from '../../lib/config/index.js';
import { adapterEnvOptions, DEFAULT_MAX_RESPONSE_BYTES, resilienceEnv, type CallPolicy, type ResilienceOptions } from '../shared/index.js';

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
  /** One attempt, connection to last byte. */
  MINES_TIMEOUT_MS: envMs(3_000),
  /** Whole call: waiting for a slot, every attempt and backoff (never below MINES_TIMEOUT_MS). */
  MINES_DEADLINE_MS: resilienceEnv.deadlineMs(),
  /** Attempts of a safe read, the first included (1: no retry). Writes are never retried. */
  MINES_RETRY_MAX_ATTEMPTS: resilienceEnv.retryMaxAttempts(),
  MINES_RETRY_BASE_DELAY_MS: resilienceEnv.retryBaseDelayMs(),
  MINES_RETRY_MAX_DELAY_MS: resilienceEnv.retryMaxDelayMs(),
  /** Backend failures in a row that open the circuit (0: no breaker). */
  MINES_BREAKER_THRESHOLD: resilienceEnv.breakerThreshold(),
  MINES_BREAKER_HALF_OPEN_AFTER_MS: resilienceEnv.breakerHalfOpenAfterMs(),
  /** Calls in flight to the system at once (0: no bulkhead), and calls waiting beyond them. */
  MINES_BULKHEAD_LIMIT: resilienceEnv.bulkheadLimit(),
  MINES_BULKHEAD_QUEUE: resilienceEnv.bulkheadQueue(),
  MINES_MAX_CONCURRENCY: envInt(4, 1, 64),
  MINES_MAX_RESPONSE_BYTES: envInt(DEFAULT_MAX_RESPONSE_BYTES, 1_024, 1_000_000_000),
});

export type MinesAdapterEnv = z.infer<typeof minesAdapterEnvSchema>;

/** Adapter options from an environment already validated with `minesAdapterEnvSchema` (or a schema extending it). */
export function minesAdapterOptionsFromEnv(env: MinesAdapterEnv): MinesAdapterOptions {
  return {
    baseUrl: env.MINES_URL,
    ...adapterEnvOptions('MINES', env),
  };
}
