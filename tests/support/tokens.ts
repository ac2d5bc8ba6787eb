import { inject } from 'vitest';
import { createInternalTokenSigner, type Principal } from '../../auth/index.js';
import type { MinistryCode } from '../../schema/index.js';
import { testInternalTokenSecret } from './test-secrets.js';

export interface TokenRequest {
  readonly role: 'citizen' | 'agent' | 'supervisor' | 'integrator';
  readonly niu?: string;
  readonly ministry?: MinistryCode;
  readonly scopes?: readonly string[];
  readonly clientId?: string;
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

export const citizenToken = (niu: string) => tokenFor({ role: 'citizen', niu });
export const agentToken = (ministry: MinistryCode) => tokenFor({ role: 'agent', ministry });
export const supervisorToken = () => tokenFor({ role: 'supervisor' });
export const integratorToken = (...scopes: string[]) => tokenFor({ role: 'integrator', scopes });

/** What the gateway would send a subgraph for `principal`: for tests that call a subgraph directly. */
export function internalTokenFor(principal: Principal): Promise<string> {
  return createInternalTokenSigner({ secret: testInternalTokenSecret }).sign(principal, {});
}
