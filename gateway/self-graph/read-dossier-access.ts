import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { operationsDirectory } from '../trusted-documents/index.js';

/** Whether the caller may read a dossier, as the graph answers them. */
export type DossierAccess =
  | { readonly kind: 'readable' }
  /** `NOT_FOUND` (a dossier that is not theirs reads as none) or `FORBIDDEN` (a role that reads no dossier) from the graph. */
  | { readonly kind: 'not-readable'; readonly code: 'NOT_FOUND' | 'FORBIDDEN' }
  /** The graph could not say (a subgraph down, a rate limit, the trail refusing the read): its code and HTTP status. */
  | { readonly kind: 'failure'; readonly code: string; readonly httpStatus: number; readonly retryAfterMs?: number };

/**
 * A shipped operation `query <Name>($reference: ID!) { dossier(reference: $reference) { reference } }`, read from
 * `clients/operations/<Name>.graphql` (one source) and sent as its printed text, which the trusted-documents manifest
 * holds, so that it runs in `enforce` mode with a citizen's or an agent's token. Its name says, in the access log, why
 * the dossier was read.
 */
export interface DossierAccessOperation {
  readonly name: string;
  readonly document: string;
}

export function dossierAccessOperation(name: string): DossierAccessOperation {
  return { name, document: print(parse(readFileSync(join(operationsDirectory(), `${name}.graphql`), 'utf8'))) };
}

export interface ReadDossierAccessOptions {
  readonly graphqlUrl: string;
  readonly operation: DossierAccessOperation;
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
 * the audit trail apply exactly as to any read of the dossier, so a route that serves something of a dossier (a filed
 * document, its events) decides nothing on its own.
 */
export async function readDossierAccess({ graphqlUrl, operation, authorization, reference, headers }: ReadDossierAccessOptions): Promise<DossierAccess> {
  let response: Response;
  let body: GraphQLBody;
  try {
    response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', authorization },
      body: JSON.stringify({ operationName: operation.name, query: operation.document, variables: { reference } }),
    });
    body = (await response.json()) as GraphQLBody;
  } catch {
    return { kind: 'failure', code: 'BACKEND_UNAVAILABLE', httpStatus: 0 };
  }
  if (response.ok && typeof body.data?.dossier?.reference === 'string' && (body.errors ?? []).length === 0) return { kind: 'readable' };
  if (response.ok && body.data?.dossier === null && (body.errors ?? []).length === 0) return { kind: 'not-readable', code: 'NOT_FOUND' };
  const codes = (body.errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR'));
  if (codes.length > 0 && codes.every((code) => refusals.has(code))) return { kind: 'not-readable', code: codes.includes('NOT_FOUND') ? 'NOT_FOUND' : 'FORBIDDEN' };
  const retryAfter = body.errors?.find((e) => typeof e.extensions?.retryAfterMs === 'number')?.extensions?.retryAfterMs;
  return { kind: 'failure', code: codes[0] ?? 'INTERNAL_SERVER_ERROR', httpStatus: response.status, ...(typeof retryAfter === 'number' ? { retryAfterMs: retryAfter } : {}) };
}
