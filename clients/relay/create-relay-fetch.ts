/** What Relay passes a network's fetch function (relay-runtime's `RequestParameters`, the fields read here). */
export interface RelayRequestParameters {
  readonly name: string;
  readonly operationKind: 'query' | 'mutation' | 'subscription';
  /** The persisted id relay-compiler wrote (`persistConfig`); null without persisting. */
  readonly id?: string | null;
  readonly text?: string | null;
}

/** A GraphQL response as Relay reads it. */
export interface RelayGraphQLResponse {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: Record<string, unknown> }[];
  readonly extensions?: Record<string, unknown>;
}

export interface RelayFetchOptions {
  /** The gateway's GraphQL endpoint. */
  readonly url: string;
  /** The caller's access token, read before each request; none for public data. */
  readonly accessToken?: () => string | undefined | Promise<string | undefined>;
  /** Queries over GET (default true); mutations always over POST. */
  readonly getForQueries?: boolean;
  /** Another fetch (instrumentation, tests). Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * The fetch function of a Relay environment (`Network.create(createRelayFetch({ url }))`) for Guichet. relay-compiler
 * with `persistConfig: { file: "clients/relay/persisted-queries.json", algorithm: "SHA256" }` gives every operation
 * an id, the SHA-256 of its text; `npm run documents` adds that file's documents to the trusted manifest. The id goes
 * as the standard `extensions.persistedQuery` (what the gateway, Apollo Client and urql speak); the text, when Relay
 * has one (persisting off), as `query`.
 */
export function createRelayFetch({ url, accessToken, getForQueries = true, fetch: fetchImpl = fetch }: RelayFetchOptions) {
  return async (params: RelayRequestParameters, variables: Record<string, unknown>): Promise<RelayGraphQLResponse> => {
    const token = await accessToken?.();
    const headers: Record<string, string> = {
      accept: 'application/graphql-response+json, application/json',
      'apollo-require-preflight': 'true',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    const payload: Record<string, unknown> = { operationName: params.name, variables };
    if (params.id) payload.extensions = { persistedQuery: { version: 1, sha256Hash: params.id } };
    else if (params.text) payload.query = params.text;
    else throw new Error(`Relay operation ${params.name} has neither a persisted id nor a text`);
    let response: Response;
    if (getForQueries && params.operationKind === 'query' && params.id) {
      const search = new URLSearchParams(Object.entries(payload).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      response = await fetchImpl(`${url}?${search}`, { method: 'GET', headers });
    } else {
      response = await fetchImpl(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    }
    const body = (await response.json()) as RelayGraphQLResponse;
    // Relay treats a response without data as a failure of the request: keep the gateway's errors in the message.
    if (body.data === undefined || body.data === null)
      throw new Error(`${params.name}: ${(body.errors ?? []).map((e) => `${e.message} (${String(e.extensions?.code ?? response.status)})`).join('; ') || `HTTP ${response.status}`}`);
    return body;
  };
}
