import type { ServerResponse } from 'node:http';
import type { RouteHandler } from '../../lib/http/index.js';
import { codeChallengePattern } from './pkce.js';
import { escapeHtml, loginForm, sendPage } from './pages.js';
import type { PendingAuthorization } from './pending-requests.js';
import { readForm } from './read-form.js';
import { findSupervisor, type SeededSupervisor } from './seeded-supervisors.js';
import type { SignInContext } from './sign-in-context.js';

/** Scopes a person's sign-in may ask for; `openid` is required. */
const personScopes = new Set(['openid', 'profile', 'offline_access']);

/** `state`, `nonce`: opaque to us, bounded so that nothing grows without limit. */
const opaque = /^[\x21-\x7e]{1,512}$/;

/** Redirects to the client with the code or an error (RFC 6749 §4.1.2), and the issuer (RFC 9207). */
function redirectToClient(
  ctx: SignInContext,
  res: ServerResponse,
  request: Pick<PendingAuthorization, 'redirectUri' | 'state'>,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): void {
  const target = new URL(request.redirectUri);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  if (request.state !== undefined) target.searchParams.set('state', request.state);
  target.searchParams.set('iss', ctx.issuer);
  res.writeHead(303, { location: target.toString(), 'cache-control': 'no-store', ...headers });
  res.end();
}

function issueCode(ctx: SignInContext, res: ServerResponse, request: PendingAuthorization, supervisor: SeededSupervisor, authTimeS: number, headers: Record<string, string> = {}): void {
  const code = ctx.codes.issue({
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    scope: request.scope,
    supervisor,
    authTimeS,
  });
  ctx.log.info({ subject: supervisor.subject, clientId: request.clientId }, 'authorization code issued');
  redirectToClient(ctx, res, request, { code }, headers);
}

/** A page for what cannot be sent back to the client: an unknown client or redirect URI (never redirect there). */
function refusePage(ctx: SignInContext, res: ServerResponse, reason: string): void {
  ctx.log.info({ reason }, 'authorization request refused');
  sendPage(res, 400, 'Demande refusée', `<h1>Demande de connexion refusée</h1><p class="erreur">${escapeHtml(reason)}</p><p>Revenez à l’application et recommencez la connexion.</p>`);
}

/**
 * `GET /authorize`: the authorization code flow (RFC 6749 §4.1) for the room's public client, PKCE S256 required
 * (RFC 7636, RFC 9700 §2.1.1), redirect URI compared exactly. With the IdP's session cookie the code is issued at
 * once; `prompt=none` without one answers `login_required`; otherwise the French login page.
 */
export function authorizeRoute(ctx: SignInContext): RouteHandler {
  return (req, res, url) => {
    const q = url.searchParams;
    const repeated = [...new Set(q.keys())].find((name) => q.getAll(name).length > 1);
    const clientId = q.get('client_id');
    const redirectUri = q.get('redirect_uri');
    if (repeated !== undefined) return refusePage(ctx, res, `Paramètre répété : ${repeated.slice(0, 40)}.`);
    if (clientId !== ctx.client.clientId) return refusePage(ctx, res, 'Application inconnue (client_id).');
    if (redirectUri === null || !ctx.client.redirectUris.includes(redirectUri)) return refusePage(ctx, res, 'Adresse de retour non enregistrée pour cette application (redirect_uri).');
    const state = q.get('state') ?? undefined;
    if (state !== undefined && !opaque.test(state)) return refusePage(ctx, res, 'Paramètre state invalide.');
    const back = { redirectUri, ...(state === undefined ? {} : { state }) };
    const fail = (error: string, description: string) => redirectToClient(ctx, res, back, { error, error_description: description });
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'only response_type=code is supported');
    const challenge = q.get('code_challenge');
    if (challenge === null) return fail('invalid_request', 'code_challenge is required (PKCE)');
    if (q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
    if (!codeChallengePattern.test(challenge)) return fail('invalid_request', 'code_challenge must be 43 base64url characters');
    const nonce = q.get('nonce') ?? undefined;
    if (nonce !== undefined && !opaque.test(nonce)) return fail('invalid_request', 'nonce is malformed');
    const scopes = (q.get('scope') ?? '').split(' ').filter((s) => s !== '');
    if (!scopes.includes('openid')) return fail('invalid_scope', 'scope must include openid');
    const unknown = scopes.filter((s) => !personScopes.has(s));
    if (unknown.length > 0) return fail('invalid_scope', `unsupported scope: ${unknown.join(' ').slice(0, 100)}`);
    const prompt = q.get('prompt') ?? '';
    const request: PendingAuthorization = { kind: 'authorize', clientId, codeChallenge: challenge, scope: [...new Set(scopes)].join(' '), ...back, ...(nonce === undefined ? {} : { nonce }) };
    const session = ctx.sessions.of(req);
    if (session !== undefined && prompt !== 'login') return issueCode(ctx, res, request, session.supervisor, session.authTimeS);
    if (prompt === 'none') return fail('login_required', 'no session at the identity provider');
    const id = ctx.pending.add(request);
    sendPage(res, 200, 'Connexion', loginForm(id, { purpose: 'Salle de supervision : connectez-vous avec votre compte de superviseur.' }), ctx.origins);
  };
}

/**
 * `POST /login`: the login form's answer. Right credentials open the IdP's session (cookie) and complete the pending
 * request: a code back to the client, or the device page. Wrong ones show the form again, in French, with 401.
 */
export function loginRoute(ctx: SignInContext): RouteHandler {
  return async (req, res) => {
    const form = await readForm(req);
    const params = form.kind === 'form' ? form.params : undefined;
    const id = params?.get('request') ?? '';
    const request = ctx.pending.get(id);
    if (params === undefined || request === undefined) {
      return sendPage(res, 400, 'Connexion', '<h1>Connexion expirée</h1><p class="erreur">Ce formulaire a expiré ou a déjà servi. Revenez à l’application et recommencez la connexion.</p>');
    }
    const username = params.get('identifiant') ?? '';
    const purpose = request.kind === 'device' ? 'Écran mural : connectez-vous pour autoriser un écran.' : 'Salle de supervision : connectez-vous avec votre compte de superviseur.';
    if (ctx.loginThrottle.locked(username)) {
      ctx.log.warn({ username: username.slice(0, 64) }, 'sign-in refused: account locked after repeated failures');
      return sendPage(res, 429, 'Connexion', loginForm(id, { error: 'Trop de tentatives pour ce compte : réessayez dans quinze minutes.', username: username.slice(0, 128), purpose }), ctx.origins);
    }
    const supervisor = findSupervisor(ctx.supervisors, username, params.get('mot_de_passe') ?? '');
    if (supervisor === undefined) {
      ctx.loginThrottle.failed(username);
      ctx.log.info({ username: username.slice(0, 64) }, 'sign-in refused');
      return sendPage(res, 401, 'Connexion', loginForm(id, { error: 'Identifiant ou mot de passe incorrect.', username: username.slice(0, 128), purpose }), ctx.origins);
    }
    ctx.loginThrottle.succeeded(username);
    ctx.pending.remove(id);
    const { session, cookieValue } = ctx.sessions.open(supervisor);
    const cookie = { 'set-cookie': ctx.sessions.cookie(cookieValue, ctx.settings.refreshTtlSeconds, ctx.secureCookies) };
    ctx.log.info({ subject: supervisor.subject }, 'supervisor signed in');
    if (request.kind === 'device') {
      const query = request.userCode === undefined ? '' : `?user_code=${encodeURIComponent(request.userCode)}`;
      res.writeHead(303, { location: `/device${query}`, 'cache-control': 'no-store', ...cookie });
      res.end();
      return;
    }
    issueCode(ctx, res, request, supervisor, session.authTimeS, cookie);
  };
}
