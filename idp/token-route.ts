import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendJson, type RouteHandler } from '../lib/http/index.js';
import type { Logger } from '../lib/log/index.js';
import type { TokenMinter } from './create-token-minter.js';
import type { IdpClient } from './idp-clients.js';
import { noStore, sendOAuthError } from './oauth-error.js';

const maxBodyBytes = 16_384;

/** Compares secrets in constant time, whatever their lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** `application/x-www-form-urlencoded` decoding of one Basic credential part (RFC 6749 §2.3.1). */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

type Credentials = { readonly clientId: string; readonly clientSecret: string } | { readonly problem: string } | undefined;

/** Client credentials from `Authorization: Basic` or from the body, never both (RFC 6749 §2.3). */
function credentialsOf(req: IncomingMessage, params: URLSearchParams): Credentials {
  const header = req.headers.authorization;
  const inBody = params.has('client_id') || params.has('client_secret');
  if (header !== undefined) {
    if (inBody) return { problem: 'une seule méthode d’authentification du client à la fois (en-tête Basic ou corps)' };
    const encoded = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(header.trim())?.[1];
    const decoded = encoded === undefined ? '' : Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const clientId = colon < 0 ? undefined : formDecode(decoded.slice(0, colon));
    const clientSecret = colon < 0 ? undefined : formDecode(decoded.slice(colon + 1));
    if (clientId === undefined || clientSecret === undefined) return { problem: 'en-tête Authorization Basic illisible' };
    return { clientId, clientSecret };
  }
  const clientId = params.get('client_id');
  const clientSecret = params.get('client_secret');
  return clientId === null || clientSecret === null ? undefined : { clientId, clientSecret };
}

/**
 * `POST /token`: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4) for integrator clients, and outside production
 * the room's public grants (`publicGrants`, idp/sign-in). Without `scope`, the
 * token carries every scope granted to the client; asking for more is `invalid_scope`.
 */
export function tokenRoute(options: {
  readonly clients: readonly IdpClient[];
  readonly minter: TokenMinter;
  readonly log: Logger;
  /** The room's public client's grants (authorization code, refresh token, device code); absent in production. */
  readonly publicGrants?: { readonly types: readonly string[]; readonly handle: (res: ServerResponse, params: URLSearchParams) => Promise<void> };
}): RouteHandler {
  const clients = new Map(options.clients.map((c) => [c.clientId, c]));
  const challenge = { 'www-authenticate': 'Basic realm="guichet-idp", charset="UTF-8"' };
  return async (req, res) => {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return sendOAuthError(res, 400, 'invalid_request', 'corps attendu en application/x-www-form-urlencoded');
    }
    let body: string;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is still on the wire: close the connection after this answer.
        res.setHeader('connection', 'close');
        return sendOAuthError(res, 413, 'invalid_request', `corps limité à ${maxBodyBytes} octets`);
      }
      throw error;
    }
    const params = new URLSearchParams(body);
    const repeated = [...new Set(params.keys())].find((name) => params.getAll(name).length > 1);
    if (repeated !== undefined) return sendOAuthError(res, 400, 'invalid_request', `paramètre répété : ${repeated}`);
    const grantType = params.get('grant_type');
    if (grantType === null) return sendOAuthError(res, 400, 'invalid_request', 'paramètre grant_type manquant');
    if (options.publicGrants?.types.includes(grantType)) return options.publicGrants.handle(res, params);
    if (grantType !== 'client_credentials') {
      const supported = ['client_credentials', ...(options.publicGrants?.types ?? [])].join(', ');
      return sendOAuthError(res, 400, 'unsupported_grant_type', `grant_type accepté : ${supported}`);
    }
    const credentials = credentialsOf(req, params);
    if (credentials !== undefined && 'problem' in credentials) return sendOAuthError(res, 400, 'invalid_request', credentials.problem);
    const client = credentials === undefined ? undefined : clients.get(credentials.clientId);
    // Unknown client and wrong secret look the same from outside.
    if (credentials === undefined || client === undefined || !sameSecret(credentials.clientSecret, client.clientSecret)) {
      options.log.info({ clientId: credentials?.clientId.slice(0, 64) }, 'client authentication failed');
      return sendOAuthError(res, 401, 'invalid_client', 'authentification du client refusée', challenge);
    }
    const requested = (params.get('scope') ?? '').split(' ').filter((s) => s !== '');
    const granted: readonly string[] = client.scopes;
    const beyond = requested.filter((s) => !granted.includes(s));
    if (beyond.length > 0) return sendOAuthError(res, 400, 'invalid_scope', `portée non accordée à ce client : ${beyond.join(' ').slice(0, 200)}`);
    const scope = (requested.length > 0 ? [...new Set(requested)] : granted).join(' ');
    const { accessToken, expiresInSeconds } = await options.minter.mint({ sub: client.clientId, client_id: client.clientId, role: 'integrator', scope });
    options.log.info({ clientId: client.clientId, scope }, 'client credentials token issued');
    sendJson(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: expiresInSeconds, scope }, noStore);
  };
}
