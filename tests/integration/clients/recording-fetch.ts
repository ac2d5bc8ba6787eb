/** One request a client sent, as the gateway received it, and the caching the gateway allowed. */
export interface Exchange {
  readonly method: string;
  readonly url: URL;
  readonly body: Record<string, unknown> | undefined;
  readonly status: number;
  readonly cacheControl: string | null;
}

/** A fetch that records what the client sent: the clients take it as an option. */
export function recordingFetch(): { fetch: typeof fetch; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    const url = new URL(input instanceof Request ? input.url : String(input));
    exchanges.push({ method: init?.method ?? (input instanceof Request ? input.method : 'GET'), url, body, status: response.status, cacheControl: response.headers.get('cache-control') });
    return response;
  };
  return { fetch: recording, exchanges };
}

/** The GraphQL parameters of a request, from its JSON body or its GET query string. */
export function paramsOf(exchange: Exchange): Record<string, unknown> {
  if (exchange.body !== undefined) return exchange.body;
  const params: Record<string, unknown> = {};
  for (const [key, value] of exchange.url.searchParams) params[key] = key === 'query' || key === 'operationName' ? value : (JSON.parse(value) as unknown);
  return params;
}
