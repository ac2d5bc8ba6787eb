import { createTokenMinter, devTokenClaims, loadOrCreateSigningKey } from '../../idp/index.js';

export interface AccessTokenRequest {
  readonly keyPath: string;
  readonly issuer: string;
  readonly audience: string;
  readonly role: 'citizen' | 'agent' | 'supervisor';
  readonly niu?: string;
  readonly ministry?: string;
  /** Default 3600: the gateway's longest accepted lifetime (OIDC_MAX_TOKEN_LIFETIME_SECONDS). */
  readonly ttlSeconds?: number;
}

/**
 * An access token as a production provider issues it for a person: the development IdP's claims and minter (RFC 9068
 * profile, `typ: at+jwt`) without the development mark, signed with the production-mode stack's IdP key. The stack's
 * IdP in production mints only client-credentials tokens, as a real deployment's provider for integrators; this
 * stands in for the citizens' and agents' provider. Whoever holds the key can sign anything: it adds no power.
 * A request the IdP would refuse (an unknown ministry…) throws a TypeError with its French explanation.
 */
export async function signAccessToken({ keyPath, issuer, audience, role, niu, ministry, ttlSeconds = 3_600 }: AccessTokenRequest): Promise<string> {
  const minter = createTokenMinter({ key: await loadOrCreateSigningKey(keyPath), issuer, audience, ttlSeconds, development: false });
  const claims = devTokenClaims({ role, ...(niu ? { niu } : {}), ...(ministry ? { ministry } : {}) }, minter);
  if (typeof claims === 'string') throw new TypeError(claims);
  return (await minter.mint(claims)).accessToken;
}
