import type { IncomingMessage, ServerResponse } from 'node:http';
import { erreur, ErreurUrbanisme, type Reponse } from './replies.js';

export interface RouteRequest {
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly req: IncomingMessage;
}

/** One route of Urbanisme's API; `operation` names it for the call counter and fault targeting. */
export interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  readonly operation: string;
  /** Extra condition on the query string (the same path serves lists and `?numeros=` batches). */
  readonly when?: (query: URLSearchParams) => boolean;
  handle(request: RouteRequest): Reponse | Promise<Reponse>;
}

export const UNKNOWN_OPERATION = 'routeInconnue';

export function matchRoute(routes: readonly Route[], method: string, rawUrl: string): { route: Route; request: Omit<RouteRequest, 'req'> } | undefined {
  const url = new URL(rawUrl, 'http://urbanisme.local');
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(url.pathname);
    if (!match || (route.when && !route.when(url.searchParams))) continue;
    return { route, request: { params: match.slice(1).map((p) => decodeURIComponent(p ?? '')), query: url.searchParams } };
  }
  return undefined;
}

/**
 * The application server's request listener. Every reply is HTTP 200 — errors included, in the
 * `{"statut":"erreur","code","message"}` envelope: that is how Urbanisme's framework was set up.
 */
export function createRequestListener(routes: readonly Route[]): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      const matched = matchRoute(routes, req.method ?? 'GET', req.url ?? '/');
      if (!matched) return erreur('ROUTE_INCONNUE', `Aucune ressource pour ${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0] ?? '/'}.`);
      try {
        return await matched.route.handle({ ...matched.request, req });
      } catch (error) {
        if (error instanceof ErreurUrbanisme) return erreur(error.code, error.message);
        return erreur('ERREUR_INTERNE', 'Erreur interne du serveur d’application.');
      }
    })().then((body) => {
      const text = JSON.stringify(body);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  };
}
