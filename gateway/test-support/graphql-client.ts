/** What a GraphQL client receives, loosely typed for assertions. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

/** POSTs one operation to `${baseUrl}/graphql`. */
export async function postQuery(baseUrl: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GraphQLBody }> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}
