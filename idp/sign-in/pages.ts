import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Text for HTML, attributes included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const style = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f3f5f7;color:#1b1f24}
main{max-width:30rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}label{display:block;margin-top:1rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #5b6570;border-radius:4px}
button{margin-top:1.2rem;padding:.6rem 1.2rem;font-size:1rem;border-radius:4px;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer}
button.secondaire{background:#fff;color:#0b4f8a}.erreur{color:#a4161a;font-weight:600}.info{color:#1d6b35;font-weight:600}
table{width:100%;border-collapse:collapse;margin-top:1rem}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #d5dade}
code{font-size:1.1rem;letter-spacing:.1em}`;

/** The pages' one inline style, allowed by its hash: no other style, no script at all. */
const styleHash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;

/**
 * Sends one of the IdP's own pages (French, for the person signing in). `formTargets` are the origins a form of the
 * page may end up at: the login form's answer redirects to the client, and browsers apply `form-action` to redirects.
 */
export function sendPage(res: ServerResponse, status: number, title: string, body: string, formTargets: readonly string[] = []): void {
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} — Guichet</title><style>${style}</style></head>
<body><main>${body}</main></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src ${styleHash}; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

/** The login form; `request` names the pending authorization (or device page visit) it completes. */
export function loginForm(request: string, options: { readonly error?: string; readonly username?: string; readonly purpose: string }): string {
  return `<h1>Connexion — Guichet</h1>
<p>${escapeHtml(options.purpose)}</p>
<form method="post" action="/login">
<input type="hidden" name="request" value="${escapeHtml(request)}">
<label for="identifiant">Identifiant</label>
<input id="identifiant" name="identifiant" autocomplete="username" required value="${escapeHtml(options.username ?? '')}">
<label for="mot-de-passe">Mot de passe</label>
<input id="mot-de-passe" name="mot_de_passe" type="password" autocomplete="current-password" required>
<p id="erreur" class="erreur" role="alert">${escapeHtml(options.error ?? '')}</p>
<button type="submit">Se connecter</button>
</form>`;
}
