import type { JWTHeaderParameters, JWTPayload } from 'jose';
import { AuthenticationError } from './authentication-error.js';
import { DEVELOPMENT_TOKEN_CLAIM } from './development-token.js';

/** In `acceptedTypes`: a token without a `typ` header. */
export const UNTYPED = 'untyped';

/** RFC 9068's access-token type, what the development IdP writes. */
export const DEFAULT_ACCEPTED_TOKEN_TYPES: readonly string[] = ['at+jwt'];

/** One hour: Google's, Okta's and the usual ceiling of access tokens (RFC 9700 wants them short-lived). */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 3_600;

/** What an access token must look like beyond its signature, issuer, audience and validity period (checked by jose). */
export interface AccessTokenProfile {
  /** Accepted JOSE `typ` values, normalized (see normalizeTokenType); UNTYPED accepts a token without one. */
  readonly acceptedTypes: readonly string[];
  /** Longest lifetime: `exp - iat`, or `exp - now` without `iat`. */
  readonly maxLifetimeSeconds: number;
  /** Skew allowed on `iat` (as jose allows it on `exp` and `nbf`). */
  readonly clockToleranceSeconds: number;
  /** Tokens of the development IdP (DEVELOPMENT_TOKEN_CLAIM): accepted outside production only. */
  readonly acceptDevelopmentTokens: boolean;
}

/**
 * A media type as RFC 7515 §4.1.9 compares it: case-insensitive, `application/` implied (`AT+JWT` and
 * `application/at+jwt` are `at+jwt`). The same normalization as jose's own `typ` option.
 */
export function normalizeTokenType(typ: string): string {
  const lower = typ.trim().toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}

/**
 * Claims only an ID token carries: hashes binding it to the access token, code or state it came with (OIDC Core
 * §3.1.3.6, §3.3.2.11; FAPI's `s_hash`), and the nonce of the login it answers. An ID token is proof that someone
 * logged in to a client, never a credential for an API (RFC 9068 §1), whatever its audience.
 */
const idTokenClaims = ['nonce', 'at_hash', 'c_hash', 's_hash'] as const;

/** A short, printable form of a client-controlled value for the log. */
const shown = (value: unknown) => JSON.stringify(String(value).slice(0, 40));

/**
 * Refuses (AuthenticationError, reason for the log only) a verified token that is not an access token fit for
 * Guichet: a development token in production, another JOSE type (an ID token, a logout token, a DPoP proof,
 * Guichet's own internal token…), an ID token's claims, an `iat` in the future, or a lifetime over the maximum
 * (a stolen token must not stay usable for days). Called after jose checked the signature, `iss`, `aud`, `exp`, `nbf`.
 */
export function checkAccessTokenProfile(header: JWTHeaderParameters, payload: JWTPayload, profile: AccessTokenProfile, nowSeconds: number): void {
  if (!profile.acceptDevelopmentTokens && Object.hasOwn(payload, DEVELOPMENT_TOKEN_CLAIM)) throw new AuthenticationError('development token refused in production (issued by the development IdP)');
  const { typ } = header;
  if (typ === undefined) {
    if (!profile.acceptedTypes.includes(UNTYPED)) throw new AuthenticationError('typ header missing (an access token says at+jwt)');
  } else if (typeof typ !== 'string' || !profile.acceptedTypes.includes(normalizeTokenType(typ))) {
    throw new AuthenticationError(`typ ${shown(typ)} not accepted`);
  }
  const idClaim = idTokenClaims.find((claim) => Object.hasOwn(payload, claim));
  if (idClaim !== undefined) throw new AuthenticationError(`an ID token, not an access token (claim ${idClaim})`);
  // Keycloak writes its token kind in a `typ` claim: `Bearer` for access tokens, `ID`, `Refresh`, `Logout`… otherwise.
  if (payload.typ !== undefined && String(payload.typ).toLowerCase() !== 'bearer') throw new AuthenticationError(`typ claim ${shown(payload.typ)} is not an access token's`);
  const { iat, exp } = payload;
  if (typeof exp !== 'number') throw new AuthenticationError('claim exp: missing');
  if (typeof iat === 'number') {
    if (iat > nowSeconds + profile.clockToleranceSeconds) throw new AuthenticationError('iat in the future');
    if (exp - iat > profile.maxLifetimeSeconds) throw new AuthenticationError(`lifetime ${Math.round(exp - iat)} s over the maximum of ${profile.maxLifetimeSeconds} s`);
  } else if (exp - nowSeconds > profile.maxLifetimeSeconds) {
    throw new AuthenticationError(`no iat and ${Math.round(exp - nowSeconds)} s left, over the maximum lifetime of ${profile.maxLifetimeSeconds} s`);
  }
}
