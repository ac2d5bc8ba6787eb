import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRouteListener, jsonReply, routeRequest, type LegacyRoute, type RouteRequest } from '../shared/index.js';
import { erreur, ErreurUrbanisme, type Reponse } from './replies.js';

/** One route of Urbanisme's API; `operation` names it for the call counter and fault targeting. */
export type Route = LegacyRoute<RouteRequest, Reponse>;

/**
 * The application server's request listener. Every reply is HTTP 200 — errors included, in the
 * `{"statut":"erreur","code","message"}` envelope: that is how Urbanisme's framework was set up.
 */
export function createRequestListener(routes: readonly Route[]): (req: IncomingMessage, res: ServerResponse) => void {
  return createRouteListener({
    routes,
    request: routeRequest,
    reply: (body) => jsonReply(200, body),
    unmatched: (req) => jsonReply(200, erreur('ROUTE_INCONNUE', `Aucune ressource pour ${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0] ?? '/'}.`)),
    failed: (error) => jsonReply(200, error instanceof ErreurUrbanisme ? erreur(error.code, error.message) : erreur('ERREUR_INTERNE', 'Erreur interne du serveur d’application.')),
  });
}
