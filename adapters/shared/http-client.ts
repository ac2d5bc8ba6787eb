import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { currentTrace } from '../../lib/trace/index.js';
import { AdapterError } from './adapter-error.js';
import type { CallPolicy } from './call-policy.js';
import type { LegacySystem } from './legacy-system.js';
import { isRefusedPayload } from './refused-payload.js';

/**
 * Default cap on one legacy answer (and on what we send): 5 MB. The largest legitimate answers at scale 1 are a
 * few hundred kilobytes (a page of 100 dossiers, 50 persons, the WSDL); only a change feed reaching back months
 * exceeds it (RNEC's feed for a whole year is ~14 MB): poll the feeds more often, or raise the limit.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 5_000_000;

export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Keep-alive sockets per legacy host (bounded concurrency for systems without batch endpoints). */
  readonly maxSockets?: number;
  /**
   * Largest body accepted from the system, counted after decompression (so a gzip bomb stops there too), and
   * largest body sent to it. A bigger answer is cut off and becomes BAD_BACKEND_RESPONSE. Default 5 MB.
   */
  readonly maxResponseBytes?: number;
}

/**
 * An axios instance for one legacy system: keep-alive sockets, raw text bodies (the adapter parses, so a broken
 * payload is ours to classify) and no status validation (the adapter maps statuses). node-soap takes the same
 * instance, so SOAP and REST share one transport.
 */
export function createHttpClient({ baseUrl, headers = {}, maxSockets = 64, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES }: HttpClientOptions): AxiosInstance {
  const client = axios.create({
    baseURL: baseUrl,
    headers: { 'user-agent': 'guichet-adapter/0.1', ...headers },
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    // axios stops reading (and drops the socket) as soon as the count passes the cap: memory stays bounded.
    maxContentLength: maxResponseBytes,
    maxBodyLength: maxResponseBytes,
  });
  // The call policy runs each call inside its client span: the legacy system (and anything it logs or traces) sees
  // the request's trace, with that span as the parent. SOAP calls go through here too.
  client.interceptors.request.use(
    (config) => {
      const scope = currentTrace();
      if (scope !== undefined) config.headers.set('traceparent', `00-${scope.traceId}-${scope.spanId}-01`);
      return config;
    },
    undefined,
    { synchronous: true },
  );
  return client;
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly params?: Readonly<Record<string, string | number | undefined>>;
  readonly data?: unknown;
  readonly operation: string;
  readonly idempotent: boolean;
}

/**
 * Sends one request through the system's policy; transport failures become typed AdapterErrors. `read` turns the
 * reply into its payload or the AdapterError it means (status, error inside a 200, unreadable body) *inside* the
 * policy, so that the breaker counts and the retry sees those failures too, not only transport ones.
 */
export function sendHttp(client: AxiosInstance, policy: CallPolicy, call: HttpCall): Promise<HttpReply>;
export function sendHttp<T>(client: AxiosInstance, policy: CallPolicy, call: HttpCall, read: (reply: HttpReply) => T): Promise<T>;
export async function sendHttp<T>(client: AxiosInstance, policy: CallPolicy, call: HttpCall, read?: (reply: HttpReply) => T): Promise<T | HttpReply> {
  const { method, url, params, data, operation, idempotent } = call;
  return policy.execute(
    async (signal) => {
      const config: AxiosRequestConfig = { method, url, signal, ...(params ? { params } : {}), ...(data !== undefined ? { data } : {}) };
      let reply: HttpReply;
      try {
        const response = await client.request<string>(config);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
        reply = { status: response.status, headers, body: typeof response.data === 'string' ? response.data : String(response.data ?? '') };
      } catch (error) {
        throw transportError(policy.system, operation, error);
      }
      return read ? read(reply) : reply;
    },
    { operation, idempotent },
  );
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const timeoutCodes = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

/**
 * Classifies a failure without a usable answer: unreachable, timed out, cut mid-answer, too big (axios's
 * `maxContentLength`, or headers past Node's limit), unparseable HTTP, or a body refused before parsing.
 */
export function transportError(system: LegacySystem, operation: string, error: unknown): AdapterError {
  if (error instanceof AdapterError) return error;
  const code = error instanceof AxiosError ? error.code : (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (isRefusedPayload(error)) return new AdapterError({ code: 'BAD_BACKEND_RESPONSE', system, operation, retryable: false, message, cause: error });
  // axios gives an oversized body no code of its own: its message is the only mark. The same answer will come again.
  if (/^maxContentLength size of \d+ exceeded$/.test(message) || code === 'HPE_HEADER_OVERFLOW') {
    return new AdapterError({ code: 'BAD_BACKEND_RESPONSE', system, operation, retryable: false, message: `answer too large: ${message}`, cause: error });
  }
  if (code?.startsWith('HPE_')) return new AdapterError({ code: 'BAD_BACKEND_RESPONSE', system, operation, retryable: true, message: `unparseable HTTP: ${message}`, cause: error });
  if (code && timeoutCodes.has(code)) return new AdapterError({ code: 'BACKEND_TIMEOUT', system, operation, retryable: true, message, cause: error });
  if ((code && unreachableCodes.has(code)) || /socket hang up|aborted/i.test(message)) {
    return new AdapterError({ code: 'BACKEND_UNAVAILABLE', system, operation, retryable: true, message, cause: error });
  }
  return new AdapterError({ code: 'BACKEND_ERROR', system, operation, retryable: false, message, cause: error });
}

/** Seconds or HTTP date from `Retry-After`, in milliseconds. */
export function parseRetryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Generic mapping of an HTTP error status; adapters handle their system's own cases first. */
export function statusError(system: LegacySystem, operation: string, reply: HttpReply): AdapterError {
  const snippet = reply.body.slice(0, 200);
  if (reply.status === 404) return new AdapterError({ code: 'NOT_FOUND', system, operation, retryable: false, message: `HTTP 404: ${snippet}` });
  if (reply.status === 503 || reply.status === 429) {
    const retryAfterMs = parseRetryAfterMs(reply.headers['retry-after']);
    return new AdapterError({ code: 'BACKEND_UNAVAILABLE', system, operation, retryable: true, message: `HTTP ${reply.status}: ${snippet}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (reply.status >= 500) return new AdapterError({ code: 'BACKEND_ERROR', system, operation, retryable: true, message: `HTTP ${reply.status}: ${snippet}` });
  return new AdapterError({ code: 'BACKEND_ERROR', system, operation, retryable: false, message: `HTTP ${reply.status}: ${snippet}` });
}

/** Parses a JSON body; anything unreadable (malformed, truncated, HTML error page) is BAD_BACKEND_RESPONSE. */
export function parseJsonBody(system: LegacySystem, operation: string, reply: HttpReply): unknown {
  try {
    return JSON.parse(reply.body);
  } catch (error) {
    throw new AdapterError({ code: 'BAD_BACKEND_RESPONSE', system, operation, retryable: true, message: `unreadable JSON (HTTP ${reply.status}, ${reply.body.length} bytes)`, cause: error });
  }
}
