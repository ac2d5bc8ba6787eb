import { isAdapterError, type AdapterErrorCode } from '../adapter-error.js';

const backendFailureCodes: ReadonlySet<AdapterErrorCode> = new Set(['BACKEND_UNAVAILABLE', 'BACKEND_TIMEOUT', 'BACKEND_ERROR', 'BAD_BACKEND_RESPONSE']);

/**
 * Whether an error counts against a system's circuit breaker: a failure of the system itself, and a transient one.
 * NOT_FOUND, BAD_USER_INPUT: the system answered and is fine. A non-retryable backend error is deterministic and
 * usually about one record (a well-formed answer our schema refuses, an answer too large, a record locked at RNEC):
 * the same call fails again, but the system is up, and one odd dossier must not cut a whole ministry off.
 */
export function isBackendFailure(error: unknown): boolean {
  return isAdapterError(error) && error.retryable && backendFailureCodes.has(error.code);
}
