import { jsonReply, type LegacyProfile } from '../shared/index.js';
import { ceetOperationOf } from './ceet-handler.js';
import type { Route } from './router.js';

/** How CEET fails: JSON 500s, a `succes: false` envelope inside a 200 (its old middleware's habit), JSON 503s. */
export function ceetProfile(routes: readonly Route[]): LegacyProfile {
  return {
    operationOf: (req) => ceetOperationOf(routes, req),
    serverError: () => jsonReply(500, { erreur: 'ERREUR_SERVEUR', message: 'Une erreur interne est survenue. Veuillez réessayer ultérieurement.' }),
    errorIn200: () => jsonReply(200, { succes: false, erreur: 'ERREUR_INTERNE', message: 'Erreur lors du traitement de la requête (ORA-12541 : TNS : aucun processus d’écoute).' }),
    overloaded: (retryAfterSeconds) => jsonReply(503, { erreur: 'SERVICE_SURCHARGE', message: `Service momentanément surchargé. Réessayez dans ${retryAfterSeconds} secondes.` }),
  };
}
