import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier } from '../../auth/index.js';
import { startTestIdp, type TestIdp } from '../test-support/start-test-idp.js';
import { defaultSignInSettings } from './sign-in-context.js';
import { authorizeParams, demoSupervisor, getAuthorize, newPkce, postForm, postToken, requestIdOf, roomClientId, roomRedirectUri, signedIn, signInForCode } from './test-support/sign-in-client.js';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp({ signIn: { ...defaultSignInSettings, codeTtlSeconds: 1 } });
});
afterAll(() => idp.close());

const exchange = (form: Record<string, string>) => postToken(idp.url, { grant_type: 'authorization_code', client_id: roomClientId, redirect_uri: roomRedirectUri, ...form });

describe('discovery (outside production)', () => {
  it('advertises the code flow with PKCE S256, refresh, device grant and revocation', async () => {
    const body = (await (await fetch(`${idp.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      authorization_endpoint: `${idp.url}/authorize`,
      device_authorization_endpoint: `${idp.url}/device_authorization`,
      revocation_endpoint: `${idp.url}/revoke`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
      grant_types_supported: expect.arrayContaining(['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code', 'client_credentials']),
      token_endpoint_auth_methods_supported: expect.arrayContaining(['none']),
    });
  });
});

describe('GET /authorize and the login page', () => {
  it('shows a French login page under a strict policy, then redirects with a code, the state and the issuer', async () => {
    const pkce = newPkce();
    const page = await getAuthorize(idp.url, authorizeParams(pkce));
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="fr">');
    expect(page.html).toContain('Mot de passe');
    expect(page.csp).toContain("default-src 'none'");
    expect(page.csp).toContain('http://127.0.0.1:4000');
    const { location, cookie } = await signInForCode(idp.url, pkce);
    expect(`${location.origin}${location.pathname}`).toBe(roomRedirectUri);
    expect(location.searchParams.get('state')).toBe('etat-123');
    expect(location.searchParams.get('iss')).toBe(idp.issuer);
    expect(cookie).toMatch(/^guichet_idp_session=/);
  });

  it('refuses wrong credentials with a French message and no redirect, for every wrong pair', async () => {
    const wrong = [
      { username: demoSupervisor.username, password: 'mauvais' },
      { username: demoSupervisor.username, password: `${demoSupervisor.password} ` },
      { username: 'inconnu', password: demoSupervisor.password },
      { username: '', password: '' },
      { username: 'directrice.energie', password: demoSupervisor.password },
    ];
    for (const credentials of wrong) {
      const page = await getAuthorize(idp.url, authorizeParams(newPkce()));
      const login = await postForm(`${idp.url}/login`, { request: requestIdOf(page.html), identifiant: credentials.username, mot_de_passe: credentials.password });
      expect(login.status, JSON.stringify(credentials)).toBe(401);
      expect(login.location).toBeNull();
      expect(login.text).toContain('Identifiant ou mot de passe incorrect.');
      expect(login.cookie).toBeUndefined();
    }
  });

  it('locks an account after five wrong passwords: even the right one is then refused, in French', async () => {
    const locking = await startTestIdp();
    try {
      const attempt = async (password: string) => {
        const page = await getAuthorize(locking.url, authorizeParams(newPkce()));
        return postForm(`${locking.url}/login`, { request: requestIdOf(page.html), identifiant: demoSupervisor.username, mot_de_passe: password });
      };
      for (let i = 0; i < 5; i += 1) expect((await attempt(`faux-${i}`)).status).toBe(401);
      const locked = await attempt(demoSupervisor.password);
      expect([locked.status, locked.location]).toEqual([429, null]);
      expect(locked.text).toContain('Trop de tentatives pour ce compte');
    } finally {
      await locking.close();
    }
  });

  it('refuses a login form that does not complete a pending request', async () => {
    for (const request of ['', 'inconnu', 'a'.repeat(43)]) {
      const login = await postForm(`${idp.url}/login`, { request, identifiant: demoSupervisor.username, mot_de_passe: demoSupervisor.password });
      expect(login.status).toBe(400);
      expect(login.text).toContain('Connexion expirée');
    }
  });

  it('never redirects to an unregistered redirect URI or for an unknown client: a French page instead', async () => {
    const pkce = newPkce();
    const cases: Record<string, string | null>[] = [
      { client_id: 'autre-client' },
      { client_id: null },
      { redirect_uri: null },
      { redirect_uri: `${roomRedirectUri}/` },
      { redirect_uri: `${roomRedirectUri}?x=1` },
      { redirect_uri: `${roomRedirectUri}#f` },
      { redirect_uri: roomRedirectUri.replace('http:', 'https:') },
      { redirect_uri: roomRedirectUri.replace('4000', '4001') },
      { redirect_uri: roomRedirectUri.toUpperCase() },
      { redirect_uri: 'https://attaquant.example/supervision' },
      { redirect_uri: `${roomRedirectUri}x` },
    ];
    for (const overrides of cases) {
      const page = await getAuthorize(idp.url, authorizeParams(pkce, overrides));
      expect(page.status, JSON.stringify(overrides)).toBe(400);
      expect(page.location).toBeNull();
      expect(page.html).toContain('Demande de connexion refusée');
    }
  });

  it('sends protocol errors back to the registered redirect URI, with the state', async () => {
    const pkce = newPkce();
    const cases: [Record<string, string | null>, string][] = [
      [{ code_challenge: null }, 'invalid_request'],
      [{ code_challenge_method: null }, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge_method: 's256' }, 'invalid_request'],
      [{ code_challenge: 'trop-court' }, 'invalid_request'],
      [{ code_challenge: `${pkce.challenge}A` }, 'invalid_request'],
      [{ code_challenge: `${pkce.challenge.slice(0, 42)}+` }, 'invalid_request'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ response_type: 'code id_token' }, 'unsupported_response_type'],
      [{ response_type: null }, 'unsupported_response_type'],
      [{ scope: null }, 'invalid_scope'],
      [{ scope: 'profile' }, 'invalid_scope'],
      [{ scope: 'openid supervision:read' }, 'invalid_scope'],
      [{ scope: 'openid dossiers:write' }, 'invalid_scope'],
      [{ nonce: 'é' }, 'invalid_request'],
    ];
    for (const [overrides, error] of cases) {
      const page = await getAuthorize(idp.url, authorizeParams(pkce, overrides));
      expect(page.status, JSON.stringify(overrides)).toBe(303);
      const location = new URL(page.location!);
      expect(`${location.origin}${location.pathname}`).toBe(roomRedirectUri);
      expect(location.searchParams.get('error'), JSON.stringify(overrides)).toBe(error);
      expect(location.searchParams.get('state')).toBe('etat-123');
      expect(location.searchParams.get('code')).toBeNull();
    }
  });

  it('issues a code at once with the IdP’s session, answers login_required to prompt=none without one', async () => {
    const { cookie } = await signInForCode(idp.url, newPkce());
    const silent = await getAuthorize(idp.url, authorizeParams(newPkce(), { prompt: 'none' }), cookie);
    expect(new URL(silent.location!).searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const anonymous = await getAuthorize(idp.url, authorizeParams(newPkce(), { prompt: 'none' }));
    expect(new URL(anonymous.location!).searchParams.get('error')).toBe('login_required');
    const forced = await getAuthorize(idp.url, authorizeParams(newPkce(), { prompt: 'login' }), cookie);
    expect(forced.status).toBe(200);
    expect(forced.html).toContain('Mot de passe');
  });
});

describe('POST /token, grant_type=authorization_code', () => {
  it('exchanges a code for an access token the gateway accepts as a supervisor’s, a refresh token and an ID token', async () => {
    const tokens = await signedIn(idp.url);
    expect(tokens).toMatchObject({ expires_in: 900, refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const verify = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, acceptDevelopmentTokens: true });
    expect(await verify(`Bearer ${tokens.access_token}`)).toMatchObject({ subject: 'superviseur-demo', role: 'supervisor', clientId: roomClientId });
    const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(`${idp.url}/.well-known/jwks.json`)), { issuer: idp.issuer, audience: roomClientId });
    expect(payload).toMatchObject({ sub: 'superviseur-demo', nonce: 'nonce-456', name: 'Superviseur de démonstration' });
    // An ID token is for the client, never an access token.
    await expect(verify(`Bearer ${tokens.id_token}`)).rejects.toThrow();
  });

  it('refuses every mismatch with invalid_grant, and the code is then spent', async () => {
    const wrongVerifiers = (verifier: string, challenge: string) => [newPkce().verifier, challenge, verifier.slice(0, 42), `${verifier}x`, verifier.toUpperCase(), ' '.repeat(43)];
    const mismatches: ((pkce: { verifier: string; challenge: string }) => Record<string, string>)[] = [
      ...[0, 1, 2, 3, 4, 5].map((i) => (pkce: { verifier: string; challenge: string }) => ({ code_verifier: wrongVerifiers(pkce.verifier, pkce.challenge)[i]! })),
      (pkce) => ({ code_verifier: pkce.verifier, redirect_uri: `${roomRedirectUri}/` }),
      (pkce) => ({ code_verifier: pkce.verifier, redirect_uri: 'http://localhost:4000/supervision' }),
      (pkce) => ({ code_verifier: pkce.verifier, code: 'inconnu' }),
    ];
    for (const mismatch of mismatches) {
      const pkce = newPkce();
      const { code } = await signInForCode(idp.url, pkce);
      const refused = await exchange({ code, ...mismatch(pkce) });
      expect(refused.status, JSON.stringify(mismatch(pkce))).toBe(400);
      expect(refused.json.error).toBe('invalid_grant');
      // A failed attempt spends the code: guessing verifiers gets one try.
      const retried = await exchange({ code, code_verifier: pkce.verifier });
      if (mismatch(pkce).code === undefined) expect(retried.json.error).toBe('invalid_grant');
    }
  });

  it('refuses a missing parameter with invalid_request and a wrong or secret-bearing client with invalid_client', async () => {
    const pkce = newPkce();
    const { code } = await signInForCode(idp.url, pkce);
    for (const missing of ['code', 'redirect_uri', 'code_verifier']) {
      const form: Record<string, string> = { grant_type: 'authorization_code', client_id: roomClientId, code, redirect_uri: roomRedirectUri, code_verifier: pkce.verifier };
      delete form[missing];
      const refused = await postToken(idp.url, form);
      expect([refused.status, refused.json.error]).toEqual([400, 'invalid_request']);
    }
    const clients: Record<string, string>[] = [{ client_id: 'autre' }, { client_id: roomClientId, client_secret: 'x'.repeat(20) }, {}];
    for (const client of clients) {
      const refused = await postToken(idp.url, { grant_type: 'authorization_code', code, redirect_uri: roomRedirectUri, code_verifier: pkce.verifier, ...client });
      expect([refused.status, refused.json.error], JSON.stringify(client)).toEqual([401, 'invalid_client']);
    }
    // None of those spent the code.
    expect((await exchange({ code, code_verifier: pkce.verifier })).status).toBe(200);
  });

  it('answers a replayed code with invalid_grant and revokes the tokens its first use gave', async () => {
    const pkce = newPkce();
    const { code } = await signInForCode(idp.url, pkce);
    const first = await exchange({ code, code_verifier: pkce.verifier });
    expect(first.status).toBe(200);
    const replay = await exchange({ code, code_verifier: pkce.verifier });
    expect([replay.status, replay.json.error, replay.json.error_description]).toEqual([400, 'invalid_grant', 'authorization code already used']);
    const refresh = await postToken(idp.url, { grant_type: 'refresh_token', client_id: roomClientId, refresh_token: String(first.json.refresh_token) });
    expect(refresh.json.error).toBe('invalid_grant');
  });

  it('refuses a code past its lifetime', async () => {
    const pkce = newPkce();
    const { code } = await signInForCode(idp.url, pkce);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const late = await exchange({ code, code_verifier: pkce.verifier });
    expect([late.status, late.json.error, late.json.error_description]).toEqual([400, 'invalid_grant', 'authorization code expired']);
  });

  it('lets the room’s origin read the answer (CORS), and no other origin', async () => {
    const call = (origin: string) => fetch(`${idp.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: 'grant_type=refresh_token' });
    expect((await call('http://127.0.0.1:4000')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4000');
    for (const origin of ['http://127.0.0.1:4001', 'https://127.0.0.1:4000', 'null', 'http://evil.example']) expect((await call(origin)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('in production', () => {
  it('serves no login page, no code flow and advertises none', async () => {
    const production = await startTestIdp({ nodeEnv: 'production' });
    try {
      for (const path of ['/authorize', '/device']) expect((await fetch(`${production.url}${path}`)).status).toBe(404);
      expect((await postForm(`${production.url}/login`, { request: 'x' })).status).toBe(404);
      const body = (await (await fetch(`${production.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(body.authorization_endpoint).toBeUndefined();
      expect(body.grant_types_supported).toEqual(['client_credentials']);
      const refused = await postToken(production.url, { grant_type: 'authorization_code', client_id: roomClientId, code: 'x', redirect_uri: roomRedirectUri, code_verifier: newPkce().verifier });
      expect(refused.json.error).toBe('unsupported_grant_type');
    } finally {
      await production.close();
    }
  });
});

describe('tokens carry what the room needs', () => {
  it('an access token lives IDP_TOKEN_TTL_SECONDS, the refresh tokens at most IDP_REFRESH_TTL_SECONDS', async () => {
    const tokens = await signedIn(idp.url);
    const claims = decodeJwt(tokens.access_token);
    expect(claims.exp! - claims.iat!).toBe(900);
    expect((tokens as unknown as { refresh_expires_in: number }).refresh_expires_in).toBeLessThanOrEqual(36_000);
  });
});
