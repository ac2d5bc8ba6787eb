import { createVerifier } from 'fast-jwt';
import { AuthenticationError } from './authentication-error.js';
import { INTERNAL_TOKEN_AUDIENCE, INTERNAL_TOKEN_ISSUER, INTERNAL_TOKEN_TYPE, internalTokenKey, type InternalTokenContext } from './internal-token.js';
import { internalTokenFailureReason } from './internal-token-failure-reason.js';
import { parsePrincipal } from './principal-schema.js';
import { createVerifiedTokenCache } from './verified-token-cache.js';

export interface InternalTokenVerifierOptions {
  /** The gateway's secret; at least 32 bytes. */
  readonly secret: string;
  /** Expected `iss`. Default `guichet-gateway`. */
  readonly issuer?: string;
  /** Skew allowed on `exp` between gateway and subgraph hosts. Default 5. */
  readonly clockToleranceSeconds?: number;
  /** Verified tokens remembered until their `exp` (the gateway reuses one per caller for a while). Default 10000; 0 = off. */
  readonly cacheMaxEntries?: number;
  /** For tests: the clock. */
  readonly now?: () => number;
}

export interface InternalTokenVerifier {
  /** The caller the gateway vouched for; AuthenticationError if the token is missing, forged, expired or not ours. */
  verify(token: string | undefined): Promise<InternalTokenContext>;
}

/** Used by every subgraph on every request (`_service` and `_entities` included): nothing passes without a token. */
export function createInternalTokenVerifier({
  secret,
  issuer = INTERNAL_TOKEN_ISSUER,
  clockToleranceSeconds = 5,
  cacheMaxEntries = 10_000,
  now = Date.now,
}: InternalTokenVerifierOptions): InternalTokenVerifier {
  const key = internalTokenKey(secret);
  // node:crypto's HMAC, synchronously (see the signer): every subgraph checks each new token of every caller.
  const verifyToken = createVerifier({
    key: Buffer.from(key),
    algorithms: ['HS256'],
    allowedIss: issuer,
    allowedAud: INTERNAL_TOKEN_AUDIENCE,
    checkTyp: INTERNAL_TOKEN_TYPE,
    clockTolerance: clockToleranceSeconds * 1_000,
    requiredClaims: ['exp', 'iat', 'sub'],
    // Ours below, shared with the reuse rule; fast-jwt's would keep failures too.
    cache: false,
  });
  const verified = createVerifiedTokenCache<InternalTokenContext>({ maxEntries: cacheMaxEntries });
  return {
    async verify(token) {
      if (token === undefined || token === '') throw new AuthenticationError('internal token missing');
      if (token.length > 8_192) throw new AuthenticationError('internal token too long');
      const known = verified.get(token, now());
      if (known !== undefined) return known;
      let payload: Record<string, unknown>;
      try {
        payload = verifyToken(token) as Record<string, unknown>;
      } catch (error) {
        throw new AuthenticationError(`internal token: ${internalTokenFailureReason(error)}`);
      }
      const principal = parsePrincipal(payload.principal);
      if (principal === undefined || principal.subject !== payload.sub) throw new AuthenticationError('internal token: invalid principal');
      const { op, trace } = payload;
      const context: InternalTokenContext = {
        principal,
        ...(typeof op === 'string' ? { operationName: op } : {}),
        ...(typeof trace === 'string' ? { traceId: trace } : {}),
      };
      if (typeof payload.exp === 'number') verified.set(token, context, payload.exp * 1_000);
      return context;
    },
  };
}
