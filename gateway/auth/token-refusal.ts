import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { errorMessages } from '../../schema/index.js';
import { bearerChallenge } from './bearer-challenge.js';

/**
 * Why a token was refused, as far as a client may know: `TOKEN_EXPIRED` (refresh it, the session may still be alive)
 * or `TOKEN_INVALID` (sign in again). Nothing finer: jose checks the signature, issuer and audience before the expiry,
 * so "expired" is only ever said of a token that was otherwise genuine, and every other reason stays in the log.
 */
export type TokenRefusalReason = 'TOKEN_EXPIRED' | 'TOKEN_INVALID';

/** From the verifier's log reason (auth/jose-failure-reason.ts). */
export function tokenRefusalReason(logReason: string): TokenRefusalReason {
  return logReason === 'token expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID';
}

const descriptions: Readonly<Record<TokenRefusalReason, string>> = {
  TOKEN_EXPIRED: 'The access token expired',
  TOKEN_INVALID: 'The access token is invalid',
};

/** What the user reads (French); the app acts on `extensions.reason` or the challenge's `error_description`. */
const messages: Readonly<Record<TokenRefusalReason, string>> = {
  TOKEN_EXPIRED: 'Votre session a expiré : connectez-vous à nouveau.',
  TOKEN_INVALID: errorMessages.UNAUTHENTICATED,
};

/**
 * UNAUTHENTICATED, HTTP 401, `WWW-Authenticate: Bearer realm="guichet", error="invalid_token", error_description=…`
 * (RFC 6750 §3.1), and `extensions.reason` for GraphQL clients that read the body, not the headers.
 */
export function tokenRefusedError(reason: TokenRefusalReason): GraphQLError {
  const challenge = bearerChallenge({ code: 'invalid_token', description: descriptions[reason] });
  return new GraphQLError(messages[reason], { extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401, headers: new HeaderMap([['www-authenticate', challenge]]) } } });
}

/** The verifier's reasons when the provider's keys could not be had (auth/jose-failure-reason.ts): an outage, not a bad token. */
export function isSigningKeysOutage(logReason: string): boolean {
  return logReason.startsWith('signing keys unavailable');
}

/**
 * AUTH_UNAVAILABLE, HTTP 503 with `Retry-After`: the provider's keys cannot be fetched, so the token could not be
 * checked. Not a 401 — an app would sign its user out for an outage of ours — and not counted against the caller.
 */
export function authUnavailableError(retryAfterMs: number): GraphQLError {
  const headers = new HeaderMap([['retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1_000)))]]);
  return new GraphQLError(errorMessages.AUTH_UNAVAILABLE, { extensions: { code: 'AUTH_UNAVAILABLE', retryAfterMs, http: { status: 503, headers } } });
}
