/** What a GraphQL client receives, loosely typed for assertions. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

export interface GraphQLReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: GraphQLBody;
}

async function reply(response: Response): Promise<GraphQLReply> {
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
}

/** POSTs a GraphQL request body as JSON. */
export async function post(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLReply> {
  return reply(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }));
}

/** GETs with each field of `params` JSON-encoded when it is not a string (the GraphQL-over-HTTP GET form). */
export async function get(url: string, params: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLReply> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  return reply(await fetch(`${url}?${search.toString()}`, { headers }));
}
