import type { LegacyProfile, LegacyReply } from '../shared/index.js';
import { ceetOperationOf } from './ceet-handler.js';
import type { Route } from './router.js';

const json = (status: number, body: unknown): LegacyReply => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });

/** How CEET fails: JSON 500s, a `succes: false` envelope inside a 200 (its old middleware's habit), JSON 503s. */
export function ceetProfile(routes: readonly Route[]): LegacyProfile {
  return {
    operationOf: (req) => ceetOperationOf(routes, req),
    serverError: () => json(500, { erreur: 'ERREUR_SERVEUR', message: 'Une erreur interne est survenue. Veuillez réessayer ultérieurement.' }),
    errorIn200: () => json(200, { succes: false, erreur: 'ERREUR_INTERNE', message: 'Erreur lors du traitement de la requête (ORA-12541 : TNS : aucun processus d’écoute).' }),
    overloaded: (retryAfterSeconds) => json(503, { erreur: 'SERVICE_SURCHARGE', message: `Service momentanément surchargé. Réessayez dans ${retryAfterSeconds} secondes.` }),
  };
}
