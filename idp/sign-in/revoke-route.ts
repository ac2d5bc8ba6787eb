import { sendJson, type RouteHandler } from '../../lib/http/index.js';
import { noStore, sendOAuthError } from '../oauth-error.js';
import { readOAuthForm } from './read-form.js';
import type { SignInContext } from './sign-in-context.js';

/**
 * `POST /revoke` (RFC 7009) for the room's public client: a refresh token revokes its whole sign-in (every token of
 * its family). Access tokens are self-contained JWTs that the gateway checks without calling back: they are not
 * revocable and expire within IDP_TOKEN_TTL_SECONDS; the answer is 200 anyway, as for an unknown token (§2.2).
 */
export function revokeRoute(ctx: SignInContext): RouteHandler {
  return async (req, res) => {
    const params = await readOAuthForm(req, res);
    if (params === undefined) return;
    const token = params.get('token');
    if (token === null) return sendOAuthError(res, 400, 'invalid_request', 'token is required');
    if (params.get('client_id') !== ctx.client.clientId) return sendOAuthError(res, 401, 'invalid_client', 'unknown client');
    const family = ctx.families.familyOf(token);
    if (family !== undefined && family.clientId === ctx.client.clientId) {
      ctx.families.revoke(family.id);
      ctx.log.info({ subject: family.claims.sub, family: family.id }, 'sign-in revoked');
    }
    sendJson(res, 200, {}, noStore);
  };
}
