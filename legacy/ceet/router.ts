import type { IncomingMessage, ServerResponse } from 'node:http';

/** A JSON answer: the router serializes it. */
export interface JsonReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** `/v1/demandes/:numero`: segments starting with `:` capture. */
  readonly path: string;
  /** The operation name the fault layer counts (may depend on the query: one path, several operations). */
  readonly operation: string | ((query: URLSearchParams) => string);
  /** Served without an API key. */
  readonly public?: boolean;
  readonly handle: (context: RouteContext) => JsonReply | Promise<JsonReply>;
}

export interface RouteMatch {
  readonly route: Route;
  readonly operation: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
}

/** A tiny first-match router over method and path segments; routes are tried in order. */
export function matchRoute(routes: readonly Route[], req: IncomingMessage): RouteMatch | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const segments = url.pathname.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        const value = safeDecode(segment);
        if (value === undefined) return false;
        params[part.slice(1)] = value;
        return true;
      }
      return part === segment;
    });
    if (!matches) continue;
    const operation = typeof route.operation === 'string' ? route.operation : route.operation(url.searchParams);
    return { route, operation, params, query: url.searchParams };
  }
  return undefined;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, reply: JsonReply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...reply.headers });
  res.end(body);
}
