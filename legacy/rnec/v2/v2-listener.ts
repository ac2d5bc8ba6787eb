import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../../../lib/http/index.js';
import { allowedMethods, createRouteListener, jsonReply, routeRequest, type LegacyReply } from '../../shared/index.js';
import { RnecFault } from '../rnec-fault.js';
import type { RnecRegistry } from '../rnec-registry.js';
import { problem, problemReply, statusOf } from './v2-problem.js';
import { v2Routes, type V2Reply } from './v2-routes.js';

const MAX_BODY_BYTES = 16_000;

const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] ?? '/';

/** Handles one request under `/v2`: JSON in and out, refusals as RFC 9457 problem documents. */
export function v2RequestListener(registry: RnecRegistry): (req: IncomingMessage, res: ServerResponse) => void {
  return createRouteListener({
    routes: v2Routes,
    request: (match, req) => ({ ...routeRequest(match, req), registry, body: () => readJson(req) }),
    reply: (reply: V2Reply) => jsonReply(reply.status, reply.body, reply.headers),
    unmatched,
    failed: (error, match, req) => {
      const path = pathOf(req);
      if (!(error instanceof RnecFault)) return problemReply(problem(500, 'ERREUR_INTERNE', 'Erreur interne du registre.', path));
      // A POST to a collection naming an unknown person or act in its body is a well-formed request about things that
      // do not exist: 422. A POST to a resource the path names (a request's pieces) that does not exist: 404.
      const status = req.method === 'POST' && match.params.length === 0 && statusOf(error.code) === 404 ? 422 : statusOf(error.code);
      return problemReply(problem(status, error.code, error.message, path));
    },
  });
}

function unmatched(req: IncomingMessage): LegacyReply {
  const method = req.method ?? 'GET';
  const path = pathOf(req);
  const allowed = allowedMethods(v2Routes, req.url ?? '/');
  if (allowed.length > 0) return problemReply(problem(405, 'METHODE_NON_AUTORISEE', `${method} n’est pas accepté sur ${path}.`, path), { allow: allowed.join(', ') });
  return problemReply(problem(404, 'RESSOURCE_INTROUVABLE', `Aucune ressource pour ${method} ${path}.`, path));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text: string;
  try {
    text = await readBody(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new RnecFault('PARAMETRE_INVALIDE', `Corps de requête limité à ${MAX_BODY_BYTES} octets.`);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RnecFault('PARAMETRE_INVALIDE', 'Le corps de la requête n’est pas du JSON valide.');
  }
}
