/**
 * A short, token-free reason for the log, from what fast-jwt threw while verifying an internal token — worded as for
 * an access token (jose-failure-reason.ts), so that one log search finds both.
 */
export function internalTokenFailureReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  const message = error instanceof Error ? error.message : String(error);
  // fast-jwt names the claim in its message: "The aud claim value is not allowed.", "The exp claim is required."
  const claim = /\bThe (\w+) claim\b/.exec(message)?.[1] ?? 'unknown';
  switch (code) {
    case 'FAST_JWT_EXPIRED':
      return 'token expired';
    case 'FAST_JWT_INACTIVE':
      return 'claim nbf: check_failed';
    case 'FAST_JWT_INVALID_CLAIM_VALUE':
    case 'FAST_JWT_INVALID_CLAIM_TYPE':
      return `claim ${claim}: check_failed`;
    case 'FAST_JWT_MISSING_REQUIRED_CLAIM':
      return `claim ${claim}: missing`;
    case 'FAST_JWT_INVALID_TYPE':
      return 'claim typ: check_failed';
    case 'FAST_JWT_INVALID_ALGORITHM':
    case 'FAST_JWT_MISSING_SIGNATURE':
      return 'algorithm not allowed';
    case 'FAST_JWT_INVALID_SIGNATURE':
      return 'signature invalid';
    case 'FAST_JWT_MALFORMED':
    case 'FAST_JWT_INVALID_PAYLOAD':
      return 'malformed token';
    default:
      return `token rejected (${typeof code === 'string' ? code : 'unknown'})`;
  }
}
