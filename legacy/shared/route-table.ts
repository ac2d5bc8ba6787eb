import type { IncomingMessage } from 'node:http';

/** What the route table needs of a route to pick it and name its operation; each system adds its `handle`. */
export interface RouteShape {
  readonly method: 'GET' | 'POST';
  /** Matched against the URL's path; its capture groups are the route's params, percent-decoded. */
  readonly pattern: RegExp;
  /** The operation name the fault layer counts and targets (may depend on the query: one path, several operations). */
  readonly operation: string | ((query: URLSearchParams) => string);
  /** Extra condition on the query string (one path serving lists and `?numeros=` batches). */
  readonly when?: (query: URLSearchParams) => boolean;
}

/** One route of a simulated system: its handler takes the system's request and answers in the system's own reply type. */
export interface LegacyRoute<TRequest, TReply> extends RouteShape {
  handle(request: TRequest): TReply | Promise<TReply>;
}

/** The request most simulators hand their handlers. */
export interface RouteRequest {
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly req: IncomingMessage;
}

export interface RouteMatch<TRoute extends RouteShape> {
  readonly route: TRoute;
  readonly operation: string;
  readonly params: readonly string[];
  readonly query: URLSearchParams;
}

/** Counted for requests no route serves. */
export const UNKNOWN_OPERATION = 'routeInconnue';

/** The first route (in table order) serving this method and URL; a param that is not valid percent-encoding matches nothing. */
export function matchRoute<TRoute extends RouteShape>(routes: readonly TRoute[], method: string, rawUrl: string): RouteMatch<TRoute> | undefined {
  const url = new URL(rawUrl, 'http://legacy.local');
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(url.pathname);
    if (!found || (route.when && !route.when(url.searchParams))) continue;
    const params = found.slice(1).map((p) => safeDecode(p ?? ''));
    if (!params.every((p) => p !== undefined)) continue;
    const operation = typeof route.operation === 'string' ? route.operation : route.operation(url.searchParams);
    return { route, operation, params, query: url.searchParams };
  }
  return undefined;
}

/** The operation a request is counted under, `unknown` when no route serves it (a profile's `operationOf`). */
export function operationOf(routes: readonly RouteShape[], req: IncomingMessage, unknown: string = UNKNOWN_OPERATION): string {
  return matchRoute(routes, req.method ?? 'GET', req.url ?? '/')?.operation ?? unknown;
}

/** The methods the routes accept on this URL's path (for a 405's `Allow`); empty when the path is unknown. */
export function allowedMethods(routes: readonly RouteShape[], rawUrl: string): string[] {
  const path = new URL(rawUrl, 'http://legacy.local').pathname;
  return [...new Set(routes.filter((route) => route.pattern.test(path)).map((route) => route.method))];
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
