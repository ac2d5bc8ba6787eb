import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
export const codeVerifierPattern = /^[A-Za-z0-9._~-]{43,128}$/;

/** A S256 challenge is the base64url SHA-256 of a verifier: always 43 characters. */
export const codeChallengePattern = /^[A-Za-z0-9_-]{43}$/;

/** `BASE64URL(SHA256(verifier))` (RFC 7636 §4.2). */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** True when `verifier` is well formed and hashes to `challenge`; compared in constant time. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!codeVerifierPattern.test(verifier)) return false;
  const computed = Buffer.from(s256Challenge(verifier));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
