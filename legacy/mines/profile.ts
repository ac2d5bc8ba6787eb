import type { IncomingMessage } from 'node:http';
import { jsonReply, operationOf, type LegacyProfile, type LegacyReply } from '../shared/index.js';
import { corpsErreur } from './replies.js';
import type { Route } from './routes.js';

/** How the system fails: JSON 500s, a technical error sometimes inside a 200, JSON 503s when overloaded. */
export function minesProfile(routes: readonly Route[]): LegacyProfile {
  return {
    operationOf: (req: IncomingMessage) => operationOf(routes, req),
    serverError: (operation: string): LegacyReply => jsonReply(500, corpsErreur('ERREUR_TECHNIQUE', `Erreur technique (${operation}).`)),
    errorIn200: (operation: string): LegacyReply => jsonReply(200, corpsErreur('ERREUR_TECHNIQUE', `Traitement interrompu (${operation}). Veuillez réessayer.`)),
    overloaded: (): LegacyReply => jsonReply(503, corpsErreur('ERREUR_TECHNIQUE', 'Service momentanément surchargé.')),
  };
}
