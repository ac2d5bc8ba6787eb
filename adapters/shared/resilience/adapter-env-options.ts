import type { ResilienceOptions } from './resilience-options.js';
import { resilienceOptionsFromEnv } from './resilience-env.js';

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
