import type { Principal } from './principal.js';

/** The header that carries the internal token from the gateway to each subgraph. */
export const INTERNAL_TOKEN_HEADER = 'x-guichet-internal-token';

/** Who signs internal tokens (`iss`) and who accepts them (`aud`). */
export const INTERNAL_TOKEN_ISSUER = 'guichet-gateway';
export const INTERNAL_TOKEN_AUDIENCE = 'guichet-subgraphs';

/** JOSE `typ` of an internal token, so that no other JWT signed with the same secret can pass for one. */
export const INTERNAL_TOKEN_TYPE = 'guichet-internal+jwt';

/** HMAC keys shorter than the hash output are guessable (RFC 7518 §3.2). */
export const MIN_INTERNAL_SECRET_BYTES = 32;

/** What a subgraph learns from a verified internal token. */
export interface InternalTokenContext {
  readonly principal: Principal;
  /** The client's operation name, for the audit trail and logs. */
  readonly operationName?: string;
  /** The gateway's trace id of the client request. */
  readonly traceId?: string;
}

/** The secret as an HMAC key, refusing one too short to be safe. */
export function internalTokenKey(secret: string): Uint8Array {
  const key = new TextEncoder().encode(secret);
  if (key.length < MIN_INTERNAL_SECRET_BYTES) throw new RangeError(`the internal token secret must be at least ${MIN_INTERNAL_SECRET_BYTES} bytes (got ${key.length})`);
  return key;
}
