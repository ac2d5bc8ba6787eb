import type { IncomingMessage, ServerResponse } from 'node:http';
import { CeetOperation } from './ceet-operations.js';
import { erreur } from './ceet-routes.js';
import { matchRoute, sendJson, type Route } from './router.js';

/** CEET's request listener: route, check `X-Api-Key` (all but `/v1/sante`), answer JSON. */
export function ceetRequestListener(routes: readonly Route[], apiKey: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const match = matchRoute(routes, req);
    if (!match) return sendJson(res, erreur(404, 'RESSOURCE_INTROUVABLE', `Aucune ressource ${req.method ?? ''} ${req.url ?? ''}.`));
    if (!match.route.public && req.headers['x-api-key'] !== apiKey) {
      return sendJson(res, erreur(401, 'CLE_API_INVALIDE', 'Clé d’API absente ou invalide (en-tête X-Api-Key).'));
    }
    Promise.resolve(match.route.handle({ req, params: match.params, query: match.query })).then(
      (reply) => sendJson(res, reply),
      () => sendJson(res, erreur(500, 'ERREUR_SERVEUR', 'Une erreur interne est survenue.')),
    );
  };
}

/** The operation a request is counted under, for the fault layer. */
export function ceetOperationOf(routes: readonly Route[], req: IncomingMessage): string {
  return matchRoute(routes, req)?.operation ?? CeetOperation.inconnue;
}
