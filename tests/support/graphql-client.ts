import { inject } from 'vitest';
import { INTERNAL_TOKEN_HEADER } from '../../auth/index.js';

export interface GraphQLResponse<D = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: D | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface GqlOptions {
  /** Bearer access token (none: anonymous). */
  readonly token?: string;
  /** Internal token, for a direct call to a subgraph. */
  readonly internalToken?: string;
  /** Another GraphQL URL than the stack's gateway. */
  readonly url?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Posts one operation to the test stack's gateway (or another GraphQL URL). */
export async function gql<D = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, options: GqlOptions = {}): Promise<GraphQLResponse<D>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.internalToken) headers[INTERNAL_TOKEN_HEADER] = options.internalToken;
  const response = await fetch(options.url ?? inject('gatewayUrl'), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: Omit<GraphQLResponse<D>, 'status' | 'headers'>;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`not JSON (HTTP ${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, ...body };
}

/** Codes of a response's errors, for one-line assertions. */
export function errorCodes(response: GraphQLResponse<unknown>): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
