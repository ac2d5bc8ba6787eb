import { errors } from 'jose';

/** A short, token-free reason for the log, from whatever jose (or the JWKS fetch) threw. */
export function joseFailureReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim}: ${error.reason}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no signing key matches the token';
  if (error instanceof errors.JWKSTimeout) return 'signing keys unavailable: JWKS fetch timed out';
  if (error instanceof errors.JWKSInvalid) return 'signing keys unavailable: invalid JWKS';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  if (error instanceof errors.JOSENotSupported) return 'unsupported token or key';
  if (error instanceof errors.JOSEError) return `token rejected (${error.code})`;
  // fetch() failures (connection refused, DNS…) surface as TypeError with a cause.
  return `signing keys unavailable: ${error instanceof Error ? error.message : String(error)}`;
}
