import { decodeJwt, decodeProtectedHeader, SignJWT, type JWTHeaderParameters } from 'jose';
import { inject } from 'vitest';
import { createInternalTokenSigner, DEVELOPMENT_TOKEN_CLAIM, type Principal } from '../../auth/index.js';
import type { MinistryCode } from '../../schema/index.js';
import { idpSigningKey } from './forged-tokens.js';
import { testInternalTokenSecret } from './test-secrets.js';

export interface TokenRequest {
  readonly role: 'citizen' | 'agent' | 'supervisor' | 'integrator';
  readonly niu?: string;
  readonly ministry?: MinistryCode;
  readonly scopes?: readonly string[];
  readonly clientId?: string;
  /** `sub`; default the IdP's (a pseudonym for a citizen, a demo name for the others). */
  readonly subject?: string;
}

const cache = new Map<string, Promise<string>>();

/** An access token from the stack's development identity provider, as `npm run token` would print. */
export function tokenFor(request: TokenRequest): Promise<string> {
  const key = JSON.stringify(request);
  let token = cache.get(key);
  if (!token) {
    token = (async () => {
      const response = await fetch(`${inject('idpUrl')}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
      if (!response.ok) throw new Error(`token for ${key}: HTTP ${response.status} ${await response.text()}`);
      return ((await response.json()) as { access_token: string }).access_token;
    })();
    cache.set(key, token);
  }
  return token;
}

const productionCache = new Map<string, Promise<string>>();

/**
 * The token a production identity provider would issue for `request`: the development IdP's own token (same claims,
 * lifetime, `typ` and key), without the development mark, signed again with the IdP's key. What a production gateway
 * pointed at a real provider receives; the development IdP's own tokens are refused there.
 */
export function productionTokenFor(request: TokenRequest): Promise<string> {
  const key = JSON.stringify(request);
  let token = productionCache.get(key);
  if (!token) {
    token = (async () => withoutDevelopmentMark(await tokenFor(request)))();
    productionCache.set(key, token);
  }
  return token;
}

/** `token`, its development mark removed, signed again with the stack's IdP key (same header otherwise). */
export async function withoutDevelopmentMark(token: string): Promise<string> {
  const { [DEVELOPMENT_TOKEN_CLAIM]: _mark, ...claims } = decodeJwt(token);
  const header = decodeProtectedHeader(token) as JWTHeaderParameters;
  return new SignJWT(claims).setProtectedHeader(header).sign((await idpSigningKey()).privateKey);
}

export const citizenToken = (niu: string) => tokenFor({ role: 'citizen', niu });
export const agentToken = (ministry: MinistryCode) => tokenFor({ role: 'agent', ministry });
export const supervisorToken = () => tokenFor({ role: 'supervisor' });
export const integratorToken = (...scopes: string[]) => tokenFor({ role: 'integrator', scopes });

/** What the gateway would send a subgraph for `principal`: for tests that call a subgraph directly. */
export function internalTokenFor(principal: Principal): Promise<string> {
  return createInternalTokenSigner({ secret: testInternalTokenSecret }).sign(principal, {});
}
