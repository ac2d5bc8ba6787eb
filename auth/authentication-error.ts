/**
 * A credential was missing, malformed, forged, expired or meant for someone else. Carries only a short reason for the
 * log (never the token itself); the caller is told UNAUTHENTICATED and nothing more.
 */
export class AuthenticationError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`authentication failed: ${reason}`);
    this.name = 'AuthenticationError';
    this.reason = reason;
  }
}

/** True for an AuthenticationError, even from another copy of this module (checked by name, like cockatiel's brands). */
export function isAuthenticationError(error: unknown): error is AuthenticationError {
  return error instanceof AuthenticationError || (error instanceof Error && error.name === 'AuthenticationError' && typeof (error as { reason?: unknown }).reason === 'string');
}
