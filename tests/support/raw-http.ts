import { Agent, fetch as undiciFetch } from 'undici';
import { inject } from 'vitest';

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  readonly json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> } | undefined;
}

async function read(response: Response): Promise<RawResponse> {
  const text = await response.text();
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text) as RawResponse['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A POST whose body and headers are exactly what the test says (no JSON encoding, no content-type added). */
export async function rawPost(body: string | Uint8Array, headers: Readonly<Record<string, string>> = {}, url: string = inject('gatewayUrl')): Promise<RawResponse> {
  return read(await fetch(url, { method: 'POST', headers, body }));
}

/** A GET with the given query parameters (objects are JSON-encoded, as Apollo's GET protocol wants). */
export async function rawGet(params: Readonly<Record<string, string | object>>, headers: Readonly<Record<string, string>> = {}, url: string = inject('gatewayUrl')): Promise<RawResponse> {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  return read(await fetch(`${url}?${search}`, { headers }));
}

/** `{ query, variables }` as JSON, POSTed with `content-type: application/json` and an optional bearer token. */
export function postJson(payload: unknown, token?: string, url?: string): Promise<RawResponse> {
  return rawPost(JSON.stringify(payload), { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, url);
}

/**
 * POSTs over connections of their own (a private pool, closed afterwards), for requests that may leave a connection
 * unusable (oversized bodies): the shared pool that every other test uses is never touched.
 */
export async function withPrivateConnections<T>(run: (post: (body: string, headers: Readonly<Record<string, string>>, timeoutMs?: number) => Promise<RawResponse>) => Promise<T>): Promise<T> {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  try {
    return await run(async (body, headers, timeoutMs = 10_000) => {
      const response = await undiciFetch(inject('gatewayUrl'), { method: 'POST', headers, body, dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) });
      const text = await response.text();
      let json: RawResponse['json'];
      try {
        json = JSON.parse(text) as RawResponse['json'];
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers as unknown as Headers, text, json };
    });
  } finally {
    await agent.destroy();
  }
}
