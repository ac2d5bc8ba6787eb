import type { PolicyEvents } from './policy-events.js';

/** Retries of safe reads (`idempotent: true`) after a retryable failure; writes are never retried. */
export interface RetryOptions {
  /** Attempts in all, the first included: 1 means no retry. Default 3. */
  readonly maxAttempts?: number;
  /** Scale of the first backoff; later ones about double, with decorrelated jitter. Default 100. */
  readonly baseDelayMs?: number;
  /** Longest jittered backoff. A `Retry-After` may ask for longer, within the deadline. Default 2000. */
  readonly maxDelayMs?: number;
}

/** Opens after `threshold` backend failures in a row. */
export interface ConsecutiveBreakerOptions {
  readonly mode?: 'consecutive';
  /** Backend failures in a row that open the circuit. Default 5. */
  readonly threshold?: number;
  /** How long the circuit stays open before one probe call is let through. Default 10000. */
  readonly halfOpenAfterMs?: number;
}

/** Opens when the share of backend failures over a sliding window passes `failureRatio`. */
export interface SamplingBreakerOptions {
  readonly mode: 'sampling';
  /** Share of failed calls, 0..1, that opens the circuit. */
  readonly failureRatio: number;
  /** Length of the sliding window. */
  readonly windowMs: number;
  /** Below this many calls per second the circuit never opens: a few failures at night are not an outage. Default 1. */
  readonly minimumRps?: number;
  /** How long the circuit stays open before one probe call is let through. Default 10000. */
  readonly halfOpenAfterMs?: number;
}

export type BreakerOptions = ConsecutiveBreakerOptions | SamplingBreakerOptions;

/** Bounded concurrency towards one system, so a slow system cannot take every socket and every request with it. */
export interface BulkheadOptions {
  /** Calls in flight at once. Default 32. */
  readonly limit?: number;
  /** Calls waiting for a slot; one more is refused at once with BACKEND_OVERLOADED. Default 64. */
  readonly queue?: number;
}

/** The resilience settings of one system's call policy; `false` turns a concern off. */
export interface ResilienceOptions {
  /**
   * Upper bound on a whole call: waiting for a bulkhead slot, every attempt and every backoff. Never below one
   * attempt's `timeoutMs`. Default 8000.
   */
  readonly deadlineMs?: number;
  readonly retry?: RetryOptions | false;
  readonly breaker?: BreakerOptions | false;
  readonly bulkhead?: BulkheadOptions | false;
  /** Where events are counted; default the process-wide `policyEvents`. */
  readonly events?: PolicyEvents;
}

/** Documented defaults (README, env schemas): one place. */
export const resilienceDefaults = {
  deadlineMs: 8_000,
  retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 },
  breaker: { threshold: 5, halfOpenAfterMs: 10_000, minimumRps: 1 },
  bulkhead: { limit: 32, queue: 64 },
} as const;
