import { anonymousPrincipal, createInternalTokenSigner, INTERNAL_TOKEN_HEADER, type Principal } from '../../../auth/index.js';
import type { MinistryCode } from '../../../schema/index.js';

/** The internal-token secret of subgraphs started by unit tests (long enough for any NODE_ENV). */
export const testSubgraphSecret = 'subgraph-unit-test-secret-0123456789abcdef';

const signer = createInternalTokenSigner({ secret: testSubgraphSecret });

export interface SubgraphReply<D> {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: D | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** Posts one operation straight to a subgraph, as the gateway would on behalf of `principal`. */
export async function postAs<D = Record<string, unknown>>(url: string, principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<SubgraphReply<D>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: await signer.sign(principal) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<SubgraphReply<D>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}

export const citizenPrincipal = (niu: string): Principal => ({ subject: `citizen-${niu}`, role: 'citizen', niu, scopes: ['citizen'], clientId: 'portail-web' });
export const agentPrincipal = (ministry: MinistryCode): Principal => ({ subject: `agent-${ministry}`, role: 'agent', ministry, scopes: ['agent', `agent:${ministry}`], clientId: 'portail-agents' });
export const anonymous: Principal = anonymousPrincipal;
