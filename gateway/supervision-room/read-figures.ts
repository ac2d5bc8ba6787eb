import type { SupervisionFilter } from './supervision-filter.js';
import { supervisionRoomDocument, supervisionRoomOperationName } from './supervision-room-document.js';

/** What one read of the figures gave. */
export type FiguresRead =
  | {
      readonly kind: 'figures';
      /** The operation's `data` (`supervision` and `procedures`), passed to the page as is. */
      readonly data: Readonly<Record<string, unknown>>;
      /** Codes of errors beside the data (a part of the answer is missing), sorted, without repeats. */
      readonly partial: readonly string[];
    }
  | {
      readonly kind: 'failure';
      /** The graph's error code, or `UPSTREAM_UNAVAILABLE` when the gateway did not answer usefully. */
      readonly code: string;
      /** The HTTP status the gateway answered (0 when it did not answer). */
      readonly httpStatus: number;
      readonly retryAfterMs?: number;
    };

export interface ReadFiguresOptions {
  readonly graphqlUrl: string;
  readonly token: string;
  readonly filter: SupervisionFilter;
  readonly signal: AbortSignal;
  /** Sent with the read: the caller's attested address, so that rate limits count it against the supervisor's. */
  readonly headers?: Readonly<Record<string, string>>;
}

interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { readonly extensions?: { readonly code?: unknown; readonly retryAfterMs?: unknown } }[];
}

/**
 * Reads the figures through the gateway's own `/graphql`, with the caller's bearer token and attested address:
 * authentication, scopes, limits, rate limits (against the supervisor's address, not the gateway's), admission and
 * audit apply to the room exactly as to any other client.
 */
export async function readFigures({ graphqlUrl, token, filter, signal, headers = {} }: ReadFiguresOptions): Promise<FiguresRead> {
  let response: Response;
  let body: GraphQLBody;
  try {
    response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ operationName: supervisionRoomOperationName, query: supervisionRoomDocument, variables: { filter } }),
      signal,
    });
    body = (await response.json()) as GraphQLBody;
  } catch {
    return { kind: 'failure', code: 'UPSTREAM_UNAVAILABLE', httpStatus: 0 };
  }
  const codes = (body.errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR'));
  const data = body.data;
  if (response.ok && data && typeof data.supervision === 'object' && data.supervision !== null) return { kind: 'figures', data, partial: [...new Set(codes)].sort() };
  const retryAfter = body.errors?.find((e) => typeof e.extensions?.retryAfterMs === 'number')?.extensions?.retryAfterMs;
  const code = codes[0] ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'UPSTREAM_UNAVAILABLE');
  return { kind: 'failure', code, httpStatus: response.status, ...(typeof retryAfter === 'number' ? { retryAfterMs: retryAfter } : {}) };
}
