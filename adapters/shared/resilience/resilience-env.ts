import { envInt } from '../../../lib/config/index.js';
import { resilienceDefaults, type ResilienceOptions } from './resilience-options.js';

const { deadlineMs, retry, breaker, bulkhead } = resilienceDefaults;

/**
 * The zod readers of one system's resilience variables, with their defaults and bounds in one place. Each adapter's
 * env schema names its own variables with them (`CEET_RETRY_MAX_ATTEMPTS: resilienceEnv.retryMaxAttempts()`…), so
 * every variable stays greppable and documented where it is read.
 */
export const resilienceEnv = {
  /** Whole call, retries and waits included; never below the attempt timeout. */
  deadlineMs: () => envInt(deadlineMs, 1, 600_000),
  /** Attempts of a safe read, the first included; 1 turns retries off. */
  retryMaxAttempts: () => envInt(retry.maxAttempts, 1, 10),
  retryBaseDelayMs: () => envInt(retry.baseDelayMs, 1, 60_000),
  retryMaxDelayMs: () => envInt(retry.maxDelayMs, 1, 600_000),
  /** Backend failures in a row that open the circuit; 0 turns the breaker off. */
  breakerThreshold: () => envInt(breaker.threshold, 0, 1_000),
  breakerHalfOpenAfterMs: () => envInt(breaker.halfOpenAfterMs, 1, 3_600_000),
  /** Calls in flight to the system; 0 turns the bulkhead off. */
  bulkheadLimit: () => envInt(bulkhead.limit, 0, 10_000),
  bulkheadQueue: () => envInt(bulkhead.queue, 0, 100_000),
};

/** One system's validated values, whatever its prefix. */
export interface ResilienceEnvValues {
  readonly deadlineMs: number;
  readonly retryMaxAttempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly breakerThreshold: number;
  readonly breakerHalfOpenAfterMs: number;
  readonly bulkheadLimit: number;
  readonly bulkheadQueue: number;
}

export function resilienceOptionsFromEnv(values: ResilienceEnvValues): ResilienceOptions {
  return {
    deadlineMs: values.deadlineMs,
    retry: values.retryMaxAttempts > 1 ? { maxAttempts: values.retryMaxAttempts, baseDelayMs: values.retryBaseDelayMs, maxDelayMs: values.retryMaxDelayMs } : false,
    breaker: values.breakerThreshold > 0 ? { mode: 'consecutive', threshold: values.breakerThreshold, halfOpenAfterMs: values.breakerHalfOpenAfterMs } : false,
    bulkhead: values.bulkheadLimit > 0 ? { limit: values.bulkheadLimit, queue: values.bulkheadQueue } : false,
  };
}
