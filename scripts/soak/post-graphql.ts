/** One GraphQL error as the gateway sends it. */
export interface GraphQLErrorShape {
  readonly message: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/**
 * What a client got back: an HTTP answer with a JSON GraphQL body, an HTTP answer without one (a proxy page, a
 * 502), or nothing at all (refused, reset, timed out — the process behind the port may just have been killed).
 */
export type PostResult =
  | { readonly kind: 'graphql'; readonly status: number; readonly data: Readonly<Record<string, unknown>> | null; readonly errors: readonly GraphQLErrorShape[]; readonly retryAfterMs?: number }
  | { readonly kind: 'http'; readonly status: number; readonly retryAfterMs?: number }
  | { readonly kind: 'network'; readonly error: string };

/** POSTs one operation, never throws: every failure is a `PostResult` the caller classifies. */
export async function postGraphQL(url: string, query: string, variables: Readonly<Record<string, unknown>>, token: string, timeoutMs: number): Promise<PostResult> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    return { kind: 'network', error: describeFetchError(error) };
  }
  const retryAfterSeconds = Number(response.headers.get('retry-after'));
  const retry = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? { retryAfterMs: retryAfterSeconds * 1000 } : {};
  let body: { data?: Record<string, unknown> | null; errors?: GraphQLErrorShape[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { kind: 'http', status: response.status, ...retry };
  }
  if (typeof body !== 'object' || body === null) return { kind: 'http', status: response.status, ...retry };
  return { kind: 'graphql', status: response.status, data: body.data ?? null, errors: Array.isArray(body.errors) ? body.errors : [], ...retry };
}

/** `fetch failed` says nothing: the cause (ECONNREFUSED, ECONNRESET, a timeout) is what a reader needs. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) return (cause as Error & { code?: string }).code ?? cause.message;
  return error.message;
}
