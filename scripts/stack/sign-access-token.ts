import { createTokenMinter, devTokenClaims, loadOrCreateSigningKey } from '../../idp/index.js';
import { nifProblem } from '../../schema/index.js';

export interface AccessTokenRequest {
  readonly keyPath: string;
  readonly issuer: string;
  readonly audience: string;
  readonly role: 'citizen' | 'agent' | 'supervisor';
  readonly niu?: string;
  readonly ministry?: string;
  /**
   * Citizens only: the NIFs of the companies they hold a mandate for (the `companies` claim a production provider signs
   * from its register of mandates at sign-in); none by default.
   */
  readonly companies?: readonly string[];
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
export async function signAccessToken({ keyPath, issuer, audience, role, niu, ministry, companies = [], ttlSeconds = 3_600 }: AccessTokenRequest): Promise<string> {
  const minter = createTokenMinter({ key: await loadOrCreateSigningKey(keyPath), issuer, audience, ttlSeconds, development: false });
  const claims = devTokenClaims({ role, ...(niu ? { niu } : {}), ...(ministry ? { ministry } : {}) }, minter);
  if (typeof claims === 'string') throw new TypeError(claims);
  if (companies.length > 0 && role !== 'citizen') throw new TypeError('--companies ne vaut que pour un citoyen');
  for (const nif of companies) {
    const problem = nifProblem(nif);
    if (problem !== undefined) throw new TypeError(`--companies : ${problem}`);
  }
  return (await minter.mint(companies.length > 0 ? { ...claims, companies } : claims)).accessToken;
}
