/**
 * A write the store refused because of what it was asked, not because it could not be reached: an id already taken,
 * a webhook that does not exist. Every engine throws this one (its health stays up); the service maps it.
 */
export class WebhookConflictError extends Error {
  override readonly name = 'WebhookConflictError';
}

export function isWebhookConflictError(error: unknown): error is WebhookConflictError {
  return error instanceof WebhookConflictError;
}
