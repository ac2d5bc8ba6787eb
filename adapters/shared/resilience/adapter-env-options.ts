import { envInt, envMs } from '../../../lib/config/index.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../http-client.js';
import { resilienceEnv, resilienceOptionsFromEnv } from './resilience-env.js';
import type { ResilienceOptions } from './resilience-options.js';

/** The variables every adapter's env schema declares under its system's prefix (`MINES_TIMEOUT_MS`…). */
export type AdapterEnvName =
  | 'TIMEOUT_MS'
  | 'DEADLINE_MS'
  | 'RETRY_MAX_ATTEMPTS'
  | 'RETRY_BASE_DELAY_MS'
  | 'RETRY_MAX_DELAY_MS'
  | 'BREAKER_THRESHOLD'
  | 'BREAKER_HALF_OPEN_AFTER_MS'
  | 'BULKHEAD_LIMIT'
  | 'BULKHEAD_QUEUE'
  | 'MAX_CONCURRENCY'
  | 'MAX_RESPONSE_BYTES';

/** A validated environment holding those variables for `prefix`. */
export type AdapterEnvValues<P extends string> = Readonly<Record<`${P}_${AdapterEnvName}`, number>>;

/** The options every adapter takes from them, whatever its system. */
export interface AdapterEnvOptions {
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
  readonly maxResponseBytes: number;
  readonly resilience: ResilienceOptions;
}

/**
 * The common part of an adapter's `…OptionsFromEnv`: the schema still names each variable (greppable, documented where
 * declared); this reads them by prefix, so the mapping to options is written once.
 */
export function adapterEnvOptions<P extends string>(prefix: P, env: AdapterEnvValues<P>): AdapterEnvOptions {
  const read = (name: AdapterEnvName): number => env[`${prefix}_${name}`];
  return {
    timeoutMs: read('TIMEOUT_MS'),
    maxConcurrency: read('MAX_CONCURRENCY'),
    maxResponseBytes: read('MAX_RESPONSE_BYTES'),
    resilience: resilienceOptionsFromEnv({
      deadlineMs: read('DEADLINE_MS'),
      retryMaxAttempts: read('RETRY_MAX_ATTEMPTS'),
      retryBaseDelayMs: read('RETRY_BASE_DELAY_MS'),
      retryMaxDelayMs: read('RETRY_MAX_DELAY_MS'),
      breakerThreshold: read('BREAKER_THRESHOLD'),
      breakerHalfOpenAfterMs: read('BREAKER_HALF_OPEN_AFTER_MS'),
      bulkheadLimit: read('BULKHEAD_LIMIT'),
      bulkheadQueue: read('BULKHEAD_QUEUE'),
    }),
  };
}

/**
 * The variables every adapter declares under its system's prefix, as a schema fragment (`MINES_TIMEOUT_MS`…): one
 * definition of their ranges and defaults, spread into each adapter's env schema beside its own (URL, key).
 */
export function adapterEnvShape<P extends string>(prefix: P, defaults: { readonly maxConcurrency?: number } = {}) {
  const shape = {
    /** One attempt, connection to last byte. */
    TIMEOUT_MS: envMs(3_000),
    /** Whole call: waiting for a slot, every attempt and backoff (never below the attempt's timeout). */
    DEADLINE_MS: resilienceEnv.deadlineMs(),
    /** Attempts of a safe read, the first included (1: no retry). Writes are never retried. */
    RETRY_MAX_ATTEMPTS: resilienceEnv.retryMaxAttempts(),
    /** Scale of the first jittered backoff; a `Retry-After` may ask for longer. */
    RETRY_BASE_DELAY_MS: resilienceEnv.retryBaseDelayMs(),
    RETRY_MAX_DELAY_MS: resilienceEnv.retryMaxDelayMs(),
    /** Backend failures in a row that open the circuit (0: no breaker). */
    BREAKER_THRESHOLD: resilienceEnv.breakerThreshold(),
    /** How long an open circuit refuses calls before letting one probe through. */
    BREAKER_HALF_OPEN_AFTER_MS: resilienceEnv.breakerHalfOpenAfterMs(),
    /** Calls in flight to the system at once (0: no bulkhead), and calls waiting beyond them. */
    BULKHEAD_LIMIT: resilienceEnv.bulkheadLimit(),
    BULKHEAD_QUEUE: resilienceEnv.bulkheadQueue(),
    /** Most calls in flight for one batch or page walk. */
    MAX_CONCURRENCY: envInt(defaults.maxConcurrency ?? 4, 1, 64),
    /** Largest answer read, in bytes, after decompression; a bigger one is BAD_BACKEND_RESPONSE. */
    MAX_RESPONSE_BYTES: envInt(DEFAULT_MAX_RESPONSE_BYTES, 1_024, 1_000_000_000),
  } satisfies Record<AdapterEnvName, unknown>;
  type Shape = typeof shape;
  return Object.fromEntries(Object.entries(shape).map(([name, schema]) => [`${prefix}_${name}`, schema])) as { [K in keyof Shape as `${P}_${K}`]: Shape[K] };
}
