import type { InternalTokenSigner, Principal } from '../../auth/index.js';
import { INTERNAL_TOKEN_HEADER } from '../../auth/index.js';

/** Whether a caller may read a dossier, as the graph itself answers it. */
export type Ownership = 'granted' | 'NOT_FOUND' | 'FORBIDDEN';

/** Asks whether `principal` may read the dossier `reference`. */
export type OwnershipCheck = (reference: string, principal: Principal) => Promise<Ownership>;

const query = 'query SubscriptionDossierCheck($reference: ID!) { dossier(reference: $reference) { reference } }';

/**
 * Asks the subgraph that serves `Query.dossier` (the `dossiers` subgraph), with the caller's internal token: the same
 * authorization a query would meet, without the legacy system's data coming to the gateway beyond the reference.
 */
export function createOwnershipCheck({ url, signer, timeoutMs }: { url: string; signer: InternalTokenSigner; timeoutMs: number }): OwnershipCheck {
  return async (reference, principal) => {
    const token = await signer.sign(principal, { operationName: 'SubscriptionDossierCheck' });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', [INTERNAL_TOKEN_HEADER]: token },
      body: JSON.stringify({ query, variables: { reference }, operationName: 'SubscriptionDossierCheck' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: { dossier?: { reference?: unknown } | null } | null; errors?: { extensions?: { code?: unknown } }[] };
    const codes = (body.errors ?? []).map((error) => error.extensions?.code);
    if (codes.includes('FORBIDDEN')) return 'FORBIDDEN';
    if (body.data?.dossier?.reference === reference) return 'granted';
    if (codes.length === 0 || codes.includes('NOT_FOUND')) return 'NOT_FOUND';
    throw new Error(`dossier check failed: ${codes.join(', ')}`);
  };
}
