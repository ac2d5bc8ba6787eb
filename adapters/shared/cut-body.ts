import { AxiosError } from 'axios';
import { AdapterError, isAdapterError } from './adapter-error.js';

/**
 * The shared transport calls any stream abort "unavailable"; a body cut after a status line arrived is a truncated
 * payload (BAD_BACKEND_RESPONSE), and the system may well have done the work: callers reconcile before filing again.
 */
export function reclassifyCutBody(error: unknown): unknown {
  if (!isAdapterError(error) || error.code !== 'BACKEND_UNAVAILABLE') return error;
  const cause = error.cause;
  if (!(cause instanceof AxiosError) || cause.code !== AxiosError.ERR_BAD_RESPONSE) return error;
  return new AdapterError({
    code: 'BAD_BACKEND_RESPONSE',
    system: error.system,
    operation: error.operation,
    retryable: true,
    message: `body cut short (HTTP ${cause.status ?? '?'}): ${cause.message}`,
    cause,
  });
}
