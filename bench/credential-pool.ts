import { decodeJwt } from 'jose';
import { anonymousPrincipal, createInternalTokenSigner, principalFromClaims, type Principal } from '../auth/index.js';
import { asProductionToken } from '../idp/test-support/production-token.js';

/** The bench stack's development IdP: where to ask for tokens, and its signing key (see mintAccessToken). */
export interface BenchIdp {
  readonly url: string;
  readonly keyPath: string;
}

/** Who a scenario's requests come from: a token request to the dev IdP, or no one (the public catalogue). */
export type Caller =
  | { readonly role: 'citizen'; readonly niu: string }
  | { readonly role: 'agent'; readonly ministry: 'CIVIL_REGISTRY' | 'ENERGY' | 'URBAN_PLANNING' }
  | { readonly role: 'supervisor'; readonly subject: string }
  | { readonly role: 'anonymous' };

/** What one caller sends: its bearer token (not for anonymous) and the internal token the peers forward. */
export interface Credential {
  readonly authorization?: string;
  readonly internalToken: string;
}

export interface CredentialPool {
  /** The current credential of the caller at `index` (as given to createCredentialPool). */
  at(index: number): Credential;
  /** Mints again whatever nears its expiry: call before each measured run, it costs nothing otherwise. */
  refresh(): Promise<void>;
}

/** Internal tokens live 15 minutes here (the gateway's own live 60 s: one per request is its business, not ours). */
const internalTtlSeconds = 900;
const resignAfterMs = 5 * 60_000;
/** The bench stack's IdP issues hour-long tokens (IDP_TOKEN_TTL_SECONDS); minted again after half of that. */
export const benchAccessTokenTtlSeconds = 3_600;
const remintAfterMs = 30 * 60_000;

/**
 * Tokens of every caller, minted up front so that no request waits for one: an access token from the stack's
 * development IdP, and — for the targets that are not Guichet (peers forward it, subgraphs called directly need
 * it) — an internal token signed for the same principal the gateway would derive from that access token.
 */
export async function createCredentialPool(options: { readonly idp: BenchIdp; readonly internalTokenSecret: string; readonly callers: readonly Caller[] }): Promise<CredentialPool> {
  const signer = createInternalTokenSigner({ secret: options.internalTokenSecret, ttlSeconds: internalTtlSeconds });
  const credentials: Credential[] = [];
  const principals: Principal[] = [];
  const accessTokens: (string | undefined)[] = [];
  let mintedAt = 0;
  let signedAt = 0;
  const mint = async () => {
    const tokens = await mapInBatches(options.callers, 16, (caller) => (caller.role === 'anonymous' ? Promise.resolve(undefined) : mintAccessToken(options.idp, caller)));
    tokens.forEach((token, i) => {
      accessTokens[i] = token;
      principals[i] = token === undefined ? anonymousPrincipal : principalFromClaims(decodeJwt(token));
    });
    mintedAt = Date.now();
  };
  const sign = async () => {
    const internal = await Promise.all(principals.map((principal) => signer.sign(principal, {})));
    internal.forEach((internalToken, i) => {
      const token = accessTokens[i];
      credentials[i] = token === undefined ? { internalToken } : { authorization: `Bearer ${token}`, internalToken };
    });
    signedAt = Date.now();
  };
  await mint();
  await sign();
  return {
    at(index) {
      const credential = credentials[index];
      if (!credential) throw new RangeError(`no caller at index ${index}`);
      return credential;
    },
    async refresh() {
      if (Date.now() - mintedAt > remintAfterMs) await mint();
      if (Date.now() - signedAt > resignAfterMs || signedAt < mintedAt) await sign();
    },
  };
}

/**
 * An access token from the stack's development IdP (`POST /dev/token`), as a production provider would issue it: the
 * bench's gateway runs in production, which refuses the development IdP's marked tokens (same claims, lifetime and key
 * otherwise).
 */
export async function mintAccessToken(idp: BenchIdp, caller: Exclude<Caller, { role: 'anonymous' }>): Promise<string> {
  const response = await fetch(`${idp.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(caller) });
  if (!response.ok) throw new Error(`the IdP refused a token for ${caller.role}: HTTP ${response.status} ${await response.text()}`);
  return asProductionToken(((await response.json()) as { access_token: string }).access_token, idp.keyPath);
}

/** `map` over `items`, `size` at a time (each batch settles before the next starts). */
export async function mapInBatches<T, R>(items: readonly T[], size: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(map))));
  return out;
}
