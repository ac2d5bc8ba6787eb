import type { IncomingMessage } from 'node:http';
import { documentDossierDocument, documentDossierOperationName } from './document-dossier-document.js';

/** Whether the caller may read a dossier, as the graph answers them. */
export type DossierAccess =
  | { readonly kind: 'readable' }
  /** `NOT_FOUND` or `FORBIDDEN` from the graph: the same answer for a dossier that is not theirs as for none. */
  | { readonly kind: 'not-readable' }
  /** The graph could not say (a subgraph down, a rate limit, the trail refusing the read): its code and HTTP status. */
  | { readonly kind: 'failure'; readonly code: string; readonly httpStatus: number; readonly retryAfterMs?: number };

export interface ReadDocumentDossierOptions {
  readonly graphqlUrl: string;
  /** The caller's own `Authorization` header, as they sent it. */
  readonly authorization: string;
  readonly reference: string;
  /** The caller's attested address, so that rate limits and the access log count the read as theirs. */
  readonly headers: Readonly<Record<string, string>>;
}

interface GraphQLBody {
  readonly data?: { readonly dossier?: { readonly reference?: unknown } | null } | null;
  readonly errors?: readonly { readonly extensions?: { readonly code?: unknown; readonly retryAfterMs?: unknown } }[];
}

const refusals = new Set(['NOT_FOUND', 'FORBIDDEN']);

/**
 * Reads the dossier through the gateway's own `/graphql` with the caller's credentials: authentication, the
 * ministries' authorization (owner, company representatives, agents of the ministry, integrators' scopes), limits and
 * the audit trail apply exactly as to any read of the dossier, so the download route decides nothing on its own.
 */
export async function readDocumentDossier({ graphqlUrl, authorization, reference, headers }: ReadDocumentDossierOptions): Promise<DossierAccess> {
  let response: Response;
  let body: GraphQLBody;
  try {
    response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', authorization },
      body: JSON.stringify({ operationName: documentDossierOperationName, query: documentDossierDocument, variables: { reference } }),
    });
    body = (await response.json()) as GraphQLBody;
  } catch {
    return { kind: 'failure', code: 'BACKEND_UNAVAILABLE', httpStatus: 0 };
  }
  if (response.ok && typeof body.data?.dossier?.reference === 'string' && (body.errors ?? []).length === 0) return { kind: 'readable' };
  if (response.ok && body.data?.dossier === null && (body.errors ?? []).length === 0) return { kind: 'not-readable' };
  const codes = (body.errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR'));
  if (codes.length > 0 && codes.every((code) => refusals.has(code))) return { kind: 'not-readable' };
  const retryAfter = body.errors?.find((e) => typeof e.extensions?.retryAfterMs === 'number')?.extensions?.retryAfterMs;
  return { kind: 'failure', code: codes[0] ?? 'INTERNAL_SERVER_ERROR', httpStatus: response.status, ...(typeof retryAfter === 'number' ? { retryAfterMs: retryAfter } : {}) };
}

/** The gateway itself, at the address this client reached: no configuration, and right behind any host name. */
export function selfGraphqlUrl(req: IncomingMessage): string {
  const { localAddress = '127.0.0.1', localPort } = req.socket;
  return `http://${localAddress.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}/graphql`;
}
