import { inject } from 'vitest';

export interface GraphQLResponse<D = Record<string, unknown>> {
  readonly status: number;
  readonly data?: D | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Posts one operation to the test stack's gateway (or another GraphQL URL). */
export async function gql<D = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, url = inject('gatewayUrl')): Promise<GraphQLResponse<D>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as Omit<GraphQLResponse<D>, 'status'>;
  return { status: response.status, ...body };
}

/** Codes of a response's errors, for one-line assertions. */
export function errorCodes(response: GraphQLResponse<unknown>): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
