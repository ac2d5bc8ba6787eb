const brand = Symbol.for('guichet.RefusedPayloadError');

/**
 * A legacy body refused before any parser saw it (a DTD inside XML…). Raised inside the transport (an axios
 * interceptor), where the operation's name is unknown: `transportError` turns it into BAD_BACKEND_RESPONSE with it.
 */
export class RefusedPayloadError extends Error {
  readonly [brand] = true;

  constructor(message: string) {
    super(message);
    this.name = 'RefusedPayloadError';
  }
}

/** Branded check: works across copies of this module. */
export function isRefusedPayload(error: unknown): error is RefusedPayloadError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}
