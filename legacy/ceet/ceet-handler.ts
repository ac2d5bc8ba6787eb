import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRouteListener, jsonReply, operationOf, routeRequest } from '../shared/index.js';
import { CeetOperation } from './ceet-operations.js';
import { erreur } from './ceet-routes.js';
import type { JsonReply, Route } from './router.js';

const onWire = (reply: JsonReply) => jsonReply(reply.status, reply.body, reply.headers);

/** CEET's request listener: route, check `X-Api-Key` (all but `/v1/sante`), answer JSON. */
export function ceetRequestListener(routes: readonly Route[], apiKey: string): (req: IncomingMessage, res: ServerResponse) => void {
  return createRouteListener({
    routes,
    request: routeRequest,
    reply: onWire,
    unmatched: (req) => onWire(erreur(404, 'RESSOURCE_INTROUVABLE', `Aucune ressource ${req.method ?? ''} ${req.url ?? ''}.`)),
    guard: (match, req) => (!match.route.public && req.headers['x-api-key'] !== apiKey ? onWire(erreur(401, 'CLE_API_INVALIDE', 'Clé d’API absente ou invalide (en-tête X-Api-Key).')) : undefined),
    failed: () => onWire(erreur(500, 'ERREUR_SERVEUR', 'Une erreur interne est survenue.')),
  });
}

/** The operation a request is counted under, for the fault layer. */
export function ceetOperationOf(routes: readonly Route[], req: IncomingMessage): string {
  return operationOf(routes, req, CeetOperation.inconnue);
}
