/**
 * What to do with a failed delivery: try again later (the ministry cannot take it now), or stop (it refused the
 * submission for good; `message` is its French explanation for the citizen).
 */
export type FailureVerdict = { readonly kind: 'retry' /** The legacy system's `Retry-After`. */; readonly retryAfterMs?: number } | { readonly kind: 'reject'; readonly message: string };

export type ClassifyFailure = (error: unknown) => FailureVerdict;

export const defaultRejectionMessage = 'Le ministère a refusé la demande.';

export interface ClassifyByCodeOptions {
  /** Codes that mean "refused for good", e.g. `['BAD_USER_INPUT']`. */
  readonly rejectCodes: readonly string[];
  /** French, when the error carries no `userMessage`. */
  readonly rejectionMessage?: string;
}

/**
 * Classifies by the error's `code`, `retryable`, `userMessage` and `retryAfterMs`: the shape of the adapters'
 * AdapterError, read structurally so that outbox/ imports no adapter. Everything not listed as a refusal is
 * retried — an unknown failure must never drop an application the citizen was told is queued.
 */
export function classifyByCode(options: ClassifyByCodeOptions): ClassifyFailure {
  const { rejectCodes, rejectionMessage = defaultRejectionMessage } = options;
  return (error) => {
    const fields = typeof error === 'object' && error !== null ? (error as Readonly<Record<string, unknown>>) : {};
    const { code, retryable, userMessage, retryAfterMs } = fields;
    if (typeof code === 'string' && rejectCodes.includes(code) && retryable !== true) {
      return { kind: 'reject', message: typeof userMessage === 'string' && userMessage !== '' ? userMessage : rejectionMessage };
    }
    return typeof retryAfterMs === 'number' && retryAfterMs > 0 ? { kind: 'retry', retryAfterMs } : { kind: 'retry' };
  };
}
