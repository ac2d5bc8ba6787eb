const brand = Symbol.for('guichet.IdempotencyConflictError');

/**
 * The idempotency key (hence the external reference) was already used for a different request. Subgraphs answer
 * it as `IDEMPOTENCY_CONFLICT`; `code` carries that name so the error model reads it like any other.
 */
export class IdempotencyConflictError extends Error {
  readonly [brand] = true;
  readonly code = 'IDEMPOTENCY_CONFLICT';
  readonly externalReference: string;

  constructor(externalReference: string) {
    super(`external reference ${externalReference} was already used for a different request`);
    this.name = 'IdempotencyConflictError';
    this.externalReference = externalReference;
  }
}

/** Branded check: works across copies of this module. */
export function isIdempotencyConflictError(error: unknown): error is IdempotencyConflictError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}
