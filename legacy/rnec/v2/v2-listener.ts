import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../../../lib/http/index.js';
import type { LegacyReply } from '../../shared/index.js';
import { RnecFault } from '../rnec-fault.js';
import type { RnecRegistry } from '../rnec-registry.js';
import { problem, problemReply, statusOf } from './v2-problem.js';
import { allowedMethods, matchV2Route } from './v2-routes.js';

const MAX_BODY_BYTES = 16_000;

/** Handles one request under `/v2`: JSON in and out, refusals as RFC 9457 problem documents. */
export function v2RequestListener(registry: RnecRegistry): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void answer(registry, req).then((reply) => {
      res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
      res.end(reply.body);
    });
  };
}

async function answer(registry: RnecRegistry, req: IncomingMessage): Promise<LegacyReply> {
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const path = rawUrl.split('?')[0] ?? '/';
  const match = matchV2Route(method, rawUrl);
  if (!match) {
    const allowed = allowedMethods(rawUrl);
    if (allowed.length > 0) return problemReply(problem(405, 'METHODE_NON_AUTORISEE', `${method} n’est pas accepté sur ${path}.`, path), { allow: allowed.join(', ') });
    return problemReply(problem(404, 'RESSOURCE_INTROUVABLE', `Aucune ressource pour ${method} ${path}.`, path));
  }
  try {
    const body = async (): Promise<unknown> => {
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
    };
    const reply = await match.route.handle(registry, { params: match.params, query: match.query, body });
    return { status: reply.status, headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers }, body: JSON.stringify(reply.body) };
  } catch (error) {
    if (!(error instanceof RnecFault)) return problemReply(problem(500, 'ERREUR_INTERNE', 'Erreur interne du registre.', path));
    // A POST naming an unknown person or act is a well-formed request about things that do not exist: 422.
    const status = method === 'POST' && statusOf(error.code) === 404 ? 422 : statusOf(error.code);
    return problemReply(problem(status, error.code, error.message, path));
  }
}
