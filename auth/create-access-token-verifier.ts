import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { principalFromClaims } from './access-token-claims.js';
import { checkAccessTokenProfile, DEFAULT_ACCEPTED_TOKEN_TYPES, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, normalizeTokenType, type AccessTokenProfile } from './access-token-profile.js';
import { AuthenticationError } from './authentication-error.js';
import { joseFailureReason } from './jose-failure-reason.js';
import { anonymousPrincipal, type Principal } from './principal.js';
import { createVerifiedTokenCache } from './verified-token-cache.js';

/** Asymmetric algorithms only: a shared-secret (HS*) or unsigned (`none`) access token is always refused. */
export type AccessTokenAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA';

export interface AccessTokenVerifierOptions {
  /** Expected `iss`, exactly as the provider writes it (trailing slash included). */
  readonly issuer: string;
  /** Expected `aud` (one of the token's audiences). */
  readonly audience: string;
  /** The provider's JWKS (`<issuer>/.well-known/jwks.json` for the embedded IdP). */
  readonly jwksUrl: string;
  /** Skew allowed on `exp`, `nbf` and `iat`. Default 30. */
  readonly clockToleranceSeconds?: number;
  /** Accepted JOSE `typ` values (`untyped`: none). Default `['at+jwt']` (RFC 9068). */
  readonly acceptedTypes?: readonly string[];
  /** Longest lifetime, `exp - iat` (or `exp - now` without `iat`). Default 3600. */
  readonly maxLifetimeSeconds?: number;
  /**
   * Accept the development IdP's tokens (the `guichet_dev` mark). Default false: a verifier refuses them unless told
   * otherwise, so that only a gateway outside production, which says so, takes them.
   */
  readonly acceptDevelopmentTokens?: boolean;
  /** Accepted `alg` values. Default `['RS256', 'ES256']`. */
  readonly algorithms?: readonly AccessTokenAlgorithm[];
  /** How long one JWKS fetch may take. Default 5000. */
  readonly jwksTimeoutMs?: number;
  /** For tests: a key source instead of fetching `jwksUrl`. */
  readonly keys?: JWTVerifyGetKey;
  /** Verified tokens remembered (until their `exp`, at most `cacheMaxAgeSeconds`). Default 10000; 0 = verify every time. */
  readonly cacheMaxEntries?: number;
  /** Longest a verified token is trusted without checking its signature again (a key withdrawn from the JWKS). Default 300. */
  readonly cacheMaxAgeSeconds?: number;
  /** For tests: the clock. */
  readonly now?: () => number;
}

/** Resolves the `Authorization` header of a request to the caller. */
export type AccessTokenVerifier = (authorizationHeader: string | undefined) => Promise<Principal>;

/** Longer than any sane JWT: refused before any parsing. */
const maxHeaderLength = 8_192;
const bearer = /^Bearer +([A-Za-z0-9_=.-]+)$/i;

/**
 * Verifies bearer access tokens against an OIDC provider's JWKS (fetched lazily, cached, refetched at most every
 * 30 s when an unknown `kid` shows up): signature, `alg` in the allow-list, `iss`, `aud`, `exp` (required) and
 * `nbf` with the skew (jose); then the profile of an access token — `typ`, no ID-token claims, `iat` not in the
 * future, a bounded lifetime, no development mark unless accepted (access-token-profile.ts) —; then the claims
 * (access-token-claims.ts). No header → anonymous; anything else wrong → AuthenticationError. An unreachable JWKS is
 * an AuthenticationError too (reason `signing keys unavailable…`). jose's own `typ` option takes one value and its
 * `maxTokenAge` bounds the age since `iat` (requiring it), not the lifetime: both are checked here instead.
 */
export function createAccessTokenVerifier({
  issuer,
  audience,
  jwksUrl,
  clockToleranceSeconds = 30,
  algorithms = ['RS256', 'ES256'],
  jwksTimeoutMs = 5_000,
  keys,
  cacheMaxEntries = 10_000,
  cacheMaxAgeSeconds = 300,
  acceptedTypes = DEFAULT_ACCEPTED_TOKEN_TYPES,
  maxLifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  acceptDevelopmentTokens = false,
  now = Date.now,
}: AccessTokenVerifierOptions): AccessTokenVerifier {
  const refused = algorithms.filter((alg) => alg.startsWith('HS') || (alg as string) === 'none');
  if (refused.length > 0 || algorithms.length === 0) throw new TypeError(`access tokens must use asymmetric algorithms (refused: ${refused.join(', ') || 'empty list'})`);
  const getKey = keys ?? createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: jwksTimeoutMs });
  const verifyOptions = { issuer, audience, algorithms: [...algorithms], clockTolerance: clockToleranceSeconds, requiredClaims: ['exp', 'sub'] };
  if (acceptedTypes.length === 0) throw new TypeError('at least one accepted token type');
  if (!(maxLifetimeSeconds > 0)) throw new RangeError('the maximum token lifetime must be positive');
  const profile: AccessTokenProfile = { acceptedTypes: acceptedTypes.map(normalizeTokenType), maxLifetimeSeconds, clockToleranceSeconds, acceptDevelopmentTokens };
  const verified = createVerifiedTokenCache<Principal>({ maxEntries: cacheMaxEntries });
  return async (authorizationHeader) => {
    if (authorizationHeader === undefined) return anonymousPrincipal;
    if (authorizationHeader.length > maxHeaderLength) throw new AuthenticationError('authorization header too long');
    const token = bearer.exec(authorizationHeader.trim())?.[1];
    if (token === undefined) throw new AuthenticationError('not a bearer token');
    const known = verified.get(token, now());
    if (known !== undefined) return known;
    let verifiedToken;
    try {
      // jose reads the clock itself; the injected one only drives the cache.
      verifiedToken = await jwtVerify(token, getKey, verifyOptions);
    } catch (error) {
      throw new AuthenticationError(joseFailureReason(error));
    }
    const { payload, protectedHeader } = verifiedToken;
    checkAccessTokenProfile(protectedHeader, payload, profile, Math.floor(Date.now() / 1_000));
    const principal = principalFromClaims(payload);
    // Only now, every check passed: a refused token is never remembered, so it is refused again each time.
    // Without the skew: a cached token stops at its own `exp`, never later than verifying it again would.
    if (typeof payload.exp === 'number') verified.set(token, principal, Math.min(payload.exp * 1_000, now() + cacheMaxAgeSeconds * 1_000));
    return principal;
  };
}
