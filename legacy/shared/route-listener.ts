import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LegacyReply } from './fault-layer.js';
import { matchRoute, type LegacyRoute, type RouteMatch, type RouteRequest, type RouteShape } from './route-table.js';

/** How one system answers: its envelope, its error format, its quirks (the point of each simulator). */
export interface RouteListenerOptions<TRequest, TReply, TRoute extends LegacyRoute<TRequest, TReply>> {
  readonly routes: readonly TRoute[];
  /** The handler's request, built from the match. */
  request(match: RouteMatch<TRoute>, req: IncomingMessage): TRequest;
  /** A handler's answer on the wire. */
  reply(result: TReply, match: RouteMatch<TRoute>): LegacyReply;
  /** What the system says when a handler throws. */
  failed(error: unknown, match: RouteMatch<TRoute>, req: IncomingMessage): LegacyReply;
  /** What the system says when no route serves the request. */
  unmatched(req: IncomingMessage): LegacyReply;
  /** A refusal before the handler runs (an API key…), or undefined to go on. */
  guard?(match: RouteMatch<TRoute>, req: IncomingMessage): LegacyReply | undefined;
}

/** The request handlers of most simulators get: the route's params, the query string and the raw request. */
export function routeRequest(match: Pick<RouteMatch<RouteShape>, 'params' | 'query'>, req: IncomingMessage): RouteRequest {
  return { params: match.params, query: match.query, req };
}

/** A simulator's request listener over its route table. */
export function createRouteListener<TRequest, TReply, TRoute extends LegacyRoute<TRequest, TReply>>(
  options: RouteListenerOptions<TRequest, TReply, TRoute>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void answer(options, req).then((reply) => {
      res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
      res.end(reply.body);
    });
  };
}

async function answer<TRequest, TReply, TRoute extends LegacyRoute<TRequest, TReply>>(options: RouteListenerOptions<TRequest, TReply, TRoute>, req: IncomingMessage): Promise<LegacyReply> {
  const match = matchRoute(options.routes, req.method ?? 'GET', req.url ?? '/');
  if (!match) return options.unmatched(req);
  const refusal = options.guard?.(match, req);
  if (refusal) return refusal;
  try {
    return options.reply(await match.route.handle(options.request(match, req)), match);
  } catch (error) {
    return options.failed(error, match, req);
  }
}

/** A JSON answer before serialization (CEET, RNEC v2): status, body and the system's extra headers. */
export interface JsonReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A JSON body on the wire, with the system's extra headers (a `Location`…). */
export function jsonReply(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): LegacyReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}
