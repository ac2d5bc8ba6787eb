const brand = Symbol.for('guichet.OutboxUnavailableError');

/**
 * The outbox's server (PostgreSQL) did not answer. On the accept path this fails the submission closed: the caller
 * answers an error and the client retries with the same idempotency key, which can never file twice. The forwarder
 * just tries again at its next poll.
 */
export class OutboxUnavailableError extends Error {
  readonly [brand] = true;

  constructor(operation: string, cause: unknown) {
    super(`outbox store unavailable during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'OutboxUnavailableError';
  }
}

/** Branded check: works across copies of this module. */
export function isOutboxUnavailableError(error: unknown): error is OutboxUnavailableError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}
