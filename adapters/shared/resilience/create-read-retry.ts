import { DelegateBackoff, ExponentialBackoff, decorrelatedJitterGenerator, handleWhen, retry, type IBackoff, type RetryPolicy } from 'cockatiel';
import { isAdapterError } from '../adapter-error.js';

export interface ReadRetryOptions {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Epoch milliseconds by which the whole call must be over. */
  readonly deadlineAt: number;
  /** How long the system's circuit will still refuse calls, if open: no use retrying before. */
  readonly circuitRetryAfterMs?: () => number | undefined;
}

/**
 * The retry policy of one safe read. Built per call because the decision depends on that call's deadline: a wait
 * (jittered backoff, or at least the system's `Retry-After`) that would end past the deadline is not started, so
 * the caller gets the system's own error, with its `retryAfterMs`, at once instead of a timeout later. The same
 * holds for the system's circuit: no retry is started before it lets calls through again.
 * BACKEND_OVERLOADED is our own bulkhead shedding load: retrying it here would defeat it.
 */
export function createReadRetry({ maxAttempts, baseDelayMs, maxDelayMs, deadlineAt, circuitRetryAfterMs = () => undefined }: ReadRetryOptions): RetryPolicy {
  const jitter = new ExponentialBackoff({ generator: decorrelatedJitterGenerator, initialDelay: baseDelayMs, maxDelay: maxDelayMs });
  let step: IBackoff<unknown> | undefined;
  let plannedDelayMs = 0;

  const worthRetrying = (error: Error): boolean => {
    if (!isAdapterError(error) || !error.retryable || error.code === 'BACKEND_OVERLOADED') return false;
    const next = step ? step.next(undefined) : jitter.next();
    // The attempt that just failed may have opened the circuit: then the next one could only be refused.
    const delayMs = Math.max(next.duration, error.retryAfterMs ?? 0, circuitRetryAfterMs() ?? 0);
    if (Date.now() + delayMs >= deadlineAt) return false;
    step = next;
    plannedDelayMs = delayMs;
    return true;
  };

  // cockatiel counts retries, not attempts; the delay is the one decided above, for the error just seen.
  return retry(handleWhen(worthRetrying), { maxAttempts: Math.max(0, maxAttempts - 1), backoff: new DelegateBackoff(() => plannedDelayMs) });
}
