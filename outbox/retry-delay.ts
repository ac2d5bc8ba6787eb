import type { Backoff } from './backoff.js';

export interface RetryDelayInput {
  readonly backoff: Backoff;
  /** Attempts made so far, the failed one included. */
  readonly attempts: number;
  readonly retryAfterMs?: number;
  readonly stage: 'find' | 'create';
  readonly createFailureDelayMs: number;
}

/**
 * The backoff, stretched to the legacy system's `Retry-After`, and — after a failed `create` — to
 * `createFailureDelayMs`: a POST that timed out on our side may still be processed by the legacy system, and the
 * next attempt's `find` must come after it lands, or it would file the submission a second time.
 */
export function retryDelayMs(input: RetryDelayInput): number {
  const { backoff, attempts, retryAfterMs = 0, stage, createFailureDelayMs } = input;
  return Math.max(backoff(attempts), retryAfterMs, stage === 'create' ? createFailureDelayMs : 0);
}
