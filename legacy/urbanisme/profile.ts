import type { IncomingMessage } from 'node:http';
import { operationOf, type LegacyProfile, type LegacyReply } from '../shared/index.js';
import type { Route } from './router.js';

/** What the nginx in front of the application server says when the application dies or the pool is full. */
function nginxPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx/1.18.0 (Ubuntu)</center>\r\n</body>\r\n</html>\r\n`;
}

const html = { 'content-type': 'text/html' };

/**
 * How Urbanisme fails: a server crash surfaces as the reverse proxy's HTML 500 page, an overload as its HTML 503;
 * the application's own errors are JSON inside an HTTP 200 (`ERREUR_INTERNE`).
 */
export function urbanismeProfile(routes: readonly Route[]): LegacyProfile {
  return {
    operationOf: (req: IncomingMessage) => operationOf(routes, req),
    serverError: (): LegacyReply => ({ status: 500, headers: html, body: nginxPage(500, 'Internal Server Error') }),
    errorIn200: (operation: string): LegacyReply => ({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ statut: 'erreur', code: 'ERREUR_INTERNE', message: `Erreur interne du serveur d’application (${operation}). Veuillez réessayer.` }),
    }),
    overloaded: (): LegacyReply => ({ status: 503, headers: html, body: nginxPage(503, 'Service Temporarily Unavailable') }),
  };
}
