import { AdapterError } from '../adapter-error.js';
import type { LegacySystem } from '../legacy-system.js';

/** The AdapterErrors a call policy raises itself, rather than the legacy system. */

export function attemptTimeoutError(system: LegacySystem, operation: string, timeoutMs: number, cause: unknown): AdapterError {
  return new AdapterError({ code: 'BACKEND_TIMEOUT', system, operation, retryable: true, message: `no answer within ${timeoutMs} ms`, cause });
}

export function deadlineError(system: LegacySystem, operation: string, deadlineMs: number, cause: unknown): AdapterError {
  return new AdapterError({ code: 'BACKEND_TIMEOUT', system, operation, retryable: true, message: `no answer within the ${deadlineMs} ms deadline (retries and waits included)`, cause });
}

/**
 * The request this call served ran out of time (its deadline, propagated from the gateway, was shorter than the
 * system's own): the call was cut after `boundMs`, or not sent at all (`boundMs` 0). Retryable: a later request has
 * its own time.
 */
export function requestDeadlineError(system: LegacySystem, operation: string, boundMs: number, cause: unknown): AdapterError {
  const message = boundMs <= 0 ? 'not sent: the request had no time left' : `no answer within the ${boundMs} ms the request had left`;
  return new AdapterError({ code: 'BACKEND_TIMEOUT', system, operation, retryable: true, message, cause });
}

/** Not sent: the system failed repeatedly and is left alone until `retryAfterMs` (when the probe is let through). */
export function circuitOpenError(system: LegacySystem, operation: string, retryAfterMs: number | undefined, cause: unknown): AdapterError {
  return new AdapterError({ code: 'CIRCUIT_OPEN', system, operation, retryable: true, message: 'circuit open: call not sent', cause, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
}

/** Not sent: every slot towards the system is busy and its queue is full. */
export function overloadedError(system: LegacySystem, operation: string, cause: unknown): AdapterError {
  return new AdapterError({ code: 'BACKEND_OVERLOADED', system, operation, retryable: true, message: `bulkhead full: call not sent (${cause instanceof Error ? cause.message : 'no slot'})`, cause });
}

/** A failure the adapter did not classify: a bug on our side or a library surprise; calling again will not help. */
export function unexpectedError(system: LegacySystem, operation: string, error: unknown): AdapterError {
  return new AdapterError({ code: 'BACKEND_ERROR', system, operation, retryable: false, message: error instanceof Error ? error.message : String(error), cause: error });
}
