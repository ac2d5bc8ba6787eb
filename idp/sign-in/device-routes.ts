import type { ServerResponse } from 'node:http';
import { sendJson, type RouteHandler } from '../../lib/http/index.js';
import { noStore, sendOAuthError } from '../oauth-error.js';
import { escapeHtml, loginForm, sendPage } from './pages.js';
import { readForm, readOAuthForm } from './read-form.js';
import type { IdpSession } from './idp-sessions.js';
import type { SignInContext } from './sign-in-context.js';

/** The one scope a wall screen may hold: reading the room's figures. */
export const screenScope = 'supervision:read';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Africa/Lome' });

/**
 * `POST /device_authorization` (RFC 8628 §3.1): a wall screen asks to be signed in; it shows the user code and
 * polls the token endpoint while a supervisor approves it at `verification_uri`.
 */
export function deviceAuthorizationRoute(ctx: SignInContext): RouteHandler {
  return async (req, res) => {
    const params = await readOAuthForm(req, res);
    if (params === undefined) return;
    if (params.get('client_id') !== ctx.client.clientId) return sendOAuthError(res, 401, 'invalid_client', 'unknown client');
    const scope = params.get('scope') ?? screenScope;
    if (scope !== screenScope) return sendOAuthError(res, 400, 'invalid_scope', `a screen may only ask for ${screenScope}`);
    const { deviceCode, authorization } = ctx.devices.start(ctx.client.clientId, scope);
    const verificationUri = `${ctx.issuer.replace(/\/+$/, '')}/device`;
    ctx.log.info({ userCode: authorization.userCode }, 'device authorization started');
    sendJson(
      res,
      200,
      {
        device_code: deviceCode,
        user_code: authorization.userCode,
        verification_uri: verificationUri,
        verification_uri_complete: `${verificationUri}?user_code=${encodeURIComponent(authorization.userCode)}`,
        expires_in: ctx.settings.deviceCodeTtlSeconds,
        interval: authorization.intervalSeconds,
      },
      noStore,
    );
  };
}

function devicePage(ctx: SignInContext, session: IdpSession, options: { readonly message?: { text: string; kind: 'info' | 'erreur' }; readonly userCode?: string } = {}): string {
  const screens = ctx.families.screens();
  const rows = screens
    .map(
      (
        s,
      ) => `<tr><td><code>${escapeHtml(s.userCode ?? '')}</code></td><td>${escapeHtml(dateTime.format(s.createdAtMs))}</td><td>${escapeHtml(s.approvedBy ?? '')}</td><td>${escapeHtml(dateTime.format(s.lastUsedAtMs))}</td>
<td><form method="post" action="/device/revoke"><input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}"><input type="hidden" name="screen" value="${escapeHtml(s.id)}"><button type="submit" class="secondaire" aria-label="Révoquer l’écran ${escapeHtml(s.userCode ?? '')}">Révoquer</button></form></td></tr>`,
    )
    .join('\n');
  const message = options.message === undefined ? '' : `<p id="message" class="${options.message.kind}" role="status">${escapeHtml(options.message.text)}</p>`;
  return `<h1>Écrans muraux</h1>
<p>Connecté : ${escapeHtml(session.supervisor.displayName)}</p>${message}
<form method="post" action="/device">
<input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}">
<label for="code">Code affiché sur l’écran</label>
<input id="code" name="user_code" autocomplete="off" autocapitalize="characters" spellcheck="false" required value="${escapeHtml(options.userCode ?? '')}">
<p>L’écran pourra lire les chiffres de la salle de supervision, et rien d’autre, jusqu’à ce que vous le révoquiez.</p>
<button type="submit" name="decision" value="approve">Autoriser l’écran</button>
<button type="submit" name="decision" value="deny" class="secondaire">Refuser</button>
</form>
<h2>Écrans autorisés</h2>
${screens.length === 0 ? '<p id="aucun-ecran">Aucun écran autorisé.</p>' : `<table id="ecrans"><caption class="visuellement-cache">Écrans autorisés</caption><thead><tr><th scope="col">Code</th><th scope="col">Autorisé le</th><th scope="col">Par</th><th scope="col">Dernier renouvellement</th><th scope="col"><span hidden>Action</span></th></tr></thead><tbody>${rows}</tbody></table>`}`;
}

function askToSignIn(ctx: SignInContext, res: ServerResponse, userCode?: string): void {
  const id = ctx.pending.add({ kind: 'device', ...(userCode === undefined ? {} : { userCode }) });
  sendPage(res, 200, 'Connexion', loginForm(id, { purpose: 'Écran mural : connectez-vous pour autoriser un écran.' }));
}

/** `GET /device`: the supervisor's page (signed in at the IdP) to approve a screen's code, and to list and revoke screens. */
export function devicePageRoute(ctx: SignInContext): RouteHandler {
  return (req, res, url) => {
    const userCode = url.searchParams.get('user_code')?.slice(0, 32);
    const session = ctx.sessions.of(req);
    if (session === undefined) return askToSignIn(ctx, res, userCode);
    sendPage(res, 200, 'Écrans muraux', devicePage(ctx, session, userCode === undefined ? {} : { userCode }));
  };
}

/** `POST /device` (approve or deny a code) and `POST /device/revoke` (a screen): the signed-in supervisor's forms. */
export function deviceDecisionRoute(ctx: SignInContext, action: 'decide' | 'revoke'): RouteHandler {
  return async (req, res) => {
    const session = ctx.sessions.of(req);
    if (session === undefined) return askToSignIn(ctx, res);
    const form = await readForm(req);
    if (form.kind === 'problem' || form.params.get('csrf') !== session.csrf) {
      return sendPage(res, 400, 'Écrans muraux', devicePage(ctx, session, { message: { kind: 'erreur', text: 'Formulaire expiré : recommencez.' } }));
    }
    const { params } = form;
    if (action === 'revoke') {
      const screen = ctx.families.byId(params.get('screen') ?? '');
      if (screen === undefined || screen.kind !== 'screen') return sendPage(res, 404, 'Écrans muraux', devicePage(ctx, session, { message: { kind: 'erreur', text: 'Écran inconnu.' } }));
      ctx.families.revoke(screen.id);
      ctx.log.info({ screen: screen.claims.sub, by: session.supervisor.subject }, 'wall screen revoked');
      return sendPage(
        res,
        200,
        'Écrans muraux',
        devicePage(ctx, session, { message: { kind: 'info', text: `Écran ${screen.userCode ?? ''} révoqué : il s’arrêtera au plus tard à l’expiration de son jeton d’accès.` } }),
      );
    }
    const typed = params.get('user_code') ?? '';
    const authorization = ctx.devices.pendingByUserCode(typed);
    if (authorization === undefined) {
      return sendPage(
        res,
        400,
        'Écrans muraux',
        devicePage(ctx, session, { message: { kind: 'erreur', text: 'Code inconnu ou expiré : vérifiez le code affiché sur l’écran.' }, userCode: typed.slice(0, 32) }),
      );
    }
    const approve = params.get('decision') === 'approve';
    authorization.state = approve ? { kind: 'approved', approvedBy: session.supervisor.displayName } : { kind: 'denied' };
    ctx.log.info({ userCode: authorization.userCode, by: session.supervisor.subject, approve }, 'device authorization decided');
    const text = approve ? `Écran ${authorization.userCode} autorisé : il affichera la salle de supervision dans quelques secondes.` : `Écran ${authorization.userCode} refusé.`;
    sendPage(res, 200, 'Écrans muraux', devicePage(ctx, session, { message: { kind: 'info', text } }));
  };
}
