import { randomBytes } from 'node:crypto';
import { s256Challenge } from '../pkce.js';

/** A browser's part of the code flow, over real HTTP against a running IdP. */
export const roomRedirectUri = 'http://127.0.0.1:4000/supervision';
export const roomClientId = 'salle-supervision';
export const demoSupervisor = { username: 'superviseur.demo', password: 'supervision-demo-a-changer' } as const;

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
}

export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier) };
}

export function authorizeParams(pkce: Pkce, overrides: Record<string, string | null> = {}): Record<string, string> {
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: roomClientId,
    redirect_uri: roomRedirectUri,
    scope: 'openid',
    state: 'etat-123',
    nonce: 'nonce-456',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== null));
}

export async function getAuthorize(idpUrl: string, params: Record<string, string>, cookie?: string) {
  const response = await fetch(`${idpUrl}/authorize?${new URLSearchParams(params)}`, { redirect: 'manual', ...(cookie === undefined ? {} : { headers: { cookie } }) });
  return { status: response.status, location: response.headers.get('location'), html: await response.text(), csp: response.headers.get('content-security-policy') };
}

/** The pending request id the login form carries. */
export function requestIdOf(html: string): string {
  const id = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (id === undefined) throw new Error(`no login form in: ${html.slice(0, 300)}`);
  return id;
}

export async function postForm(url: string, form: Record<string, string>, cookie?: string) {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie === undefined ? {} : { cookie }) },
    body: new URLSearchParams(form).toString(),
  });
  const setCookie = response.headers.get('set-cookie');
  return { status: response.status, location: response.headers.get('location'), text: await response.text(), cookie: setCookie?.split(';')[0], headers: response.headers };
}

export async function postToken(idpUrl: string, form: Record<string, string>) {
  const response = await fetch(`${idpUrl}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Signs the demo supervisor in and returns the code (and the IdP's session cookie). */
export async function signInForCode(idpUrl: string, pkce: Pkce, overrides: Record<string, string | null> = {}, credentials: { username: string; password: string } = demoSupervisor) {
  const page = await getAuthorize(idpUrl, authorizeParams(pkce, overrides));
  const login = await postForm(`${idpUrl}/login`, { request: requestIdOf(page.html), identifiant: credentials.username, mot_de_passe: credentials.password });
  if (login.status !== 303 || login.location === null) throw new Error(`login failed: ${login.status} ${login.text.slice(0, 200)}`);
  const location = new URL(login.location);
  return { code: location.searchParams.get('code') ?? '', location, cookie: login.cookie ?? '' };
}

/** A full sign-in: code exchanged for tokens. */
export async function signedIn(idpUrl: string) {
  const pkce = newPkce();
  const { code, cookie } = await signInForCode(idpUrl, pkce);
  const tokens = await postToken(idpUrl, { grant_type: 'authorization_code', client_id: roomClientId, code, redirect_uri: roomRedirectUri, code_verifier: pkce.verifier });
  if (tokens.status !== 200) throw new Error(`exchange failed: ${JSON.stringify(tokens.json)}`);
  return { ...tokens.json, cookie } as { access_token: string; refresh_token: string; id_token: string; expires_in: number; cookie: string };
}
