import { describe, expect, it } from 'vitest';
import { bearerChallenge } from './bearer-challenge.js';
import { tokenRefusalReason, tokenRefusedError } from './token-refusal.js';

/** Every log reason the verifier gives (auth/jose-failure-reason.ts, the profile, the claims): only expiry is said. */
const logReasons = [
  'token expired',
  'claim aud: unexpected "aud" claim value',
  'claim iss: unexpected "iss" claim value',
  'algorithm not allowed',
  'signature invalid',
  'no signing key matches the token',
  'malformed token',
  'not a bearer token',
  'authorization header too long',
  'token type not accepted',
  'development token refused',
  'signing keys unavailable: JWKS fetch timed out',
];

describe('token refusal', () => {
  it.each(logReasons)('%s → 401, an RFC 6750 invalid_token challenge, expired or invalid and nothing finer', (logReason) => {
    const error = tokenRefusedError(tokenRefusalReason(logReason));
    const expired = logReason === 'token expired';
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.extensions.reason).toBe(expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
    const http = error.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(401);
    const challenge = http.headers.get('www-authenticate')!;
    expect(challenge).toBe(`Bearer realm="guichet", error="invalid_token", error_description="The access token ${expired ? 'expired' : 'is invalid'}"`);
    expect(error.message).toMatch(expired ? /expiré/ : /^Authentification requise\.$/);
    if (!expired) expect(`${challenge} ${error.message}`.toLowerCase()).not.toContain(logReason.slice(0, 12).toLowerCase());
  });

  it('challenges follow RFC 6750’s grammar: realm alone without a token; descriptions quoted, ASCII, no quote inside', () => {
    expect(bearerChallenge()).toBe('Bearer realm="guichet"');
    expect(bearerChallenge({ code: 'insufficient_scope', description: 'needs "agent" — scope' })).toBe('Bearer realm="guichet", error="insufficient_scope", error_description="needs agent  scope"');
  });
});
