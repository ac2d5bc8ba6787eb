import { isAdapterError, type AdapterErrorCode } from '../../../adapters/shared/index.js';

/** The system never gave an answer: not reached, too slow, refused by our own breaker or bulkhead. */
const unreachableCodes: ReadonlySet<AdapterErrorCode> = new Set(['BACKEND_UNAVAILABLE', 'BACKEND_TIMEOUT', 'CIRCUIT_OPEN', 'BACKEND_OVERLOADED']);

/** The system answered, but with a failure that may pass: a transient fault, a truncated body. */
const transientCodes: ReadonlySet<AdapterErrorCode> = new Set(['BACKEND_ERROR', 'BAD_BACKEND_RESPONSE']);

/**
 * The default test of whether a failed read may fall back to the last known records: the system could not answer.
 * Never NOT_FOUND or BAD_USER_INPUT (the system did answer, and a remembered record would contradict it), nor a
 * non-retryable backend error (deterministic, usually about one record: masking it would hide a real defect).
 */
export function isSystemUnavailable(error: unknown): boolean {
  if (!isAdapterError(error)) return false;
  return unreachableCodes.has(error.code) || (error.retryable && transientCodes.has(error.code));
}
