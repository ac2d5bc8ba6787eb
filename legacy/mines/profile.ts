import type { IncomingMessage } from 'node:http';
import type { LegacyProfile, LegacyReply } from '../shared/index.js';
import { corpsErreur } from './replies.js';
import { matchRoute, UNKNOWN_OPERATION, type Route } from './routes.js';

const json = { 'content-type': 'application/json; charset=utf-8' };

/** How the system fails: JSON 500s, a technical error sometimes inside a 200, JSON 503s when overloaded. */
export function minesProfile(routes: readonly Route[]): LegacyProfile {
  return {
    operationOf: (req: IncomingMessage) => matchRoute(routes, req.method ?? 'GET', req.url ?? '/')?.route.operation ?? UNKNOWN_OPERATION,
    serverError: (operation: string): LegacyReply => ({ status: 500, headers: json, body: JSON.stringify(corpsErreur('ERREUR_TECHNIQUE', `Erreur technique (${operation}).`)) }),
    errorIn200: (operation: string): LegacyReply => ({ status: 200, headers: json, body: JSON.stringify(corpsErreur('ERREUR_TECHNIQUE', `Traitement interrompu (${operation}). Veuillez réessayer.`)) }),
    overloaded: (): LegacyReply => ({ status: 503, headers: json, body: JSON.stringify(corpsErreur('ERREUR_TECHNIQUE', 'Service momentanément surchargé.')) }),
  };
}
