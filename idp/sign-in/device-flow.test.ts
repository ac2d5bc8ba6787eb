import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier } from '../../auth/index.js';
import { startTestIdp, type TestIdp } from '../test-support/start-test-idp.js';
import { normaliseUserCode } from './device-authorizations.js';
import { defaultSignInSettings } from './sign-in-context.js';
import { demoSupervisor, postForm, postToken, requestIdOf, roomClientId } from './test-support/sign-in-client.js';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp({ signIn: { ...defaultSignInSettings, devicePollIntervalSeconds: 1, deviceCodeTtlSeconds: 3 } });
});
afterAll(() => idp.close());

const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startDevice(form: Record<string, string> = { client_id: roomClientId }) {
  const response = await fetch(`${idp.url}/device_authorization`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
const poll = (deviceCode: string, clientId = roomClientId) => postToken(idp.url, { grant_type: deviceGrant, client_id: clientId, device_code: deviceCode });

/** A supervisor signed in at the IdP's device page: its cookie and the page's anti-forgery value. */
async function supervisorAtDevicePage() {
  const page = await (await fetch(`${idp.url}/device`)).text();
  const login = await postForm(`${idp.url}/login`, { request: requestIdOf(page), identifiant: demoSupervisor.username, mot_de_passe: demoSupervisor.password });
  expect([login.status, login.location]).toEqual([303, '/device']);
  const cookie = login.cookie!;
  const html = await (await fetch(`${idp.url}/device`, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
  return { cookie, csrf, html };
}

const decide = (cookie: string, form: Record<string, string>) => postForm(`${idp.url}/device`, form, cookie);

describe('device authorization grant (RFC 8628)', () => {
  it('starts with a user code to show, a verification URI and an interval', async () => {
    const { status, json } = await startDevice();
    expect(status).toBe(200);
    expect(json).toMatchObject({ user_code: expect.stringMatching(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/), verification_uri: `${idp.url}/device`, expires_in: 3, interval: 1 });
    expect(json.verification_uri_complete).toBe(`${idp.url}/device?user_code=${encodeURIComponent(String(json.user_code))}`);
  });

  it('refuses an unknown client or a scope beyond reading the room', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'invalid_client'],
      [{ client_id: 'autre' }, 'invalid_client'],
      [{ client_id: roomClientId, scope: 'openid' }, 'invalid_scope'],
      [{ client_id: roomClientId, scope: 'supervision:read dossiers:read' }, 'invalid_scope'],
      [{ client_id: roomClientId, scope: 'dossiers:write' }, 'invalid_scope'],
    ];
    for (const [form, error] of cases) expect((await startDevice(form)).json.error, JSON.stringify(form)).toBe(error);
  });

  it('answers authorization_pending, slow_down when polled too fast, then a read-only screen token once approved', async () => {
    const { json } = await startDevice();
    const deviceCode = String(json.device_code);
    expect((await poll(deviceCode)).json.error).toBe('authorization_pending');
    expect((await poll(deviceCode)).json.error).toBe('slow_down');
    const { cookie, csrf, html } = await supervisorAtDevicePage();
    expect(html).toContain('Code affiché sur l’écran');
    // Typed in lower case with blanks: the page accepts it.
    const approved = await decide(cookie, { csrf, user_code: ` ${String(json.user_code).toLowerCase().replace('-', ' ')} `, decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.text).toContain('autorisé');
    const granted = await poll(deviceCode);
    expect(granted.status).toBe(200);
    expect(granted.json).toMatchObject({ scope: 'supervision:read', refresh_token: expect.any(String) });
    const claims = decodeJwt(String(granted.json.access_token));
    expect(claims).toMatchObject({ role: 'integrator', scope: 'supervision:read', client_id: roomClientId });
    const verify = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, acceptDevelopmentTokens: true });
    expect(await verify(`Bearer ${String(granted.json.access_token)}`)).toMatchObject({ role: 'integrator', scopes: ['supervision:read'] });
    // Once only.
    expect((await poll(deviceCode)).json.error).toBe('invalid_grant');
    // The screen renews itself.
    const renewed = await postToken(idp.url, { grant_type: 'refresh_token', client_id: roomClientId, refresh_token: String(granted.json.refresh_token) });
    expect(renewed.json.scope).toBe('supervision:read');
  });

  it('answers access_denied once the supervisor refuses, and expired_token after the code’s lifetime', async () => {
    const denied = await startDevice();
    const { cookie, csrf } = await supervisorAtDevicePage();
    expect((await decide(cookie, { csrf, user_code: String(denied.json.user_code), decision: 'deny' })).text).toContain('refusé');
    expect((await poll(String(denied.json.device_code))).json.error).toBe('access_denied');
    const late = await startDevice();
    await sleep(3_100);
    expect((await poll(String(late.json.device_code))).json.error).toBe('expired_token');
    // An expired code can no longer be approved.
    const tooLate = await decide(cookie, { csrf, user_code: String(late.json.user_code), decision: 'approve' });
    expect([tooLate.status, tooLate.text.includes('Code inconnu ou expiré')]).toEqual([400, true]);
  });

  it('refuses bad polls: unknown code, other client, missing code', async () => {
    const { json } = await startDevice();
    const cases: [Record<string, string>, number, string][] = [
      [{ grant_type: deviceGrant, client_id: roomClientId, device_code: 'inconnu' }, 400, 'invalid_grant'],
      [{ grant_type: deviceGrant, client_id: roomClientId }, 400, 'invalid_request'],
      [{ grant_type: deviceGrant, client_id: 'autre', device_code: String(json.device_code) }, 401, 'invalid_client'],
      [{ grant_type: deviceGrant, device_code: String(json.device_code) }, 401, 'invalid_client'],
    ];
    for (const [form, status, error] of cases) {
      const refused = await postToken(idp.url, form);
      expect([refused.status, refused.json.error], JSON.stringify(form)).toEqual([status, error]);
    }
  });

  it('refuses the device page’s forms without the session, or without its anti-forgery value', async () => {
    const { json } = await startDevice();
    const anonymous = await postForm(`${idp.url}/device`, { user_code: String(json.user_code), decision: 'approve' });
    expect(anonymous.text).toContain('Mot de passe');
    const { cookie } = await supervisorAtDevicePage();
    for (const csrf of ['', 'faux']) {
      const forged = await decide(cookie, { csrf, user_code: String(json.user_code), decision: 'approve' });
      expect(forged.status).toBe(400);
    }
    expect((await poll(String(json.device_code))).json.error).toBe('authorization_pending');
  });

  it('lists approved screens for a supervisor, who can revoke one: its refresh then fails', async () => {
    const { json } = await startDevice();
    const { cookie, csrf } = await supervisorAtDevicePage();
    await decide(cookie, { csrf, user_code: String(json.user_code), decision: 'approve' });
    const granted = await poll(String(json.device_code));
    const list = await (await fetch(`${idp.url}/device`, { headers: { cookie } })).text();
    expect(list).toContain(String(json.user_code));
    const screen = new RegExp(`name="screen" value="([^"]+)"[^]*?Révoquer l’écran ${String(json.user_code)}`).exec(list)?.[1];
    expect(screen).toBeDefined();
    const revoked = await postForm(`${idp.url}/device/revoke`, { csrf, screen: screen! }, cookie);
    expect(revoked.text).toContain('révoqué');
    const refreshed = await postToken(idp.url, { grant_type: 'refresh_token', client_id: roomClientId, refresh_token: String(granted.json.refresh_token) });
    expect(refreshed.json.error).toBe('invalid_grant');
    expect(await (await fetch(`${idp.url}/device`, { headers: { cookie } })).text()).not.toContain(`Révoquer l’écran ${String(json.user_code)}`);
  });
});

describe('normaliseUserCode', () => {
  it.each([
    ['bcdf-ghjk', 'BCDF-GHJK'],
    [' BCDF GHJK ', 'BCDF-GHJK'],
    ['bcdfghjk', 'BCDF-GHJK'],
    ['BCD', 'BCD'],
  ])('%j → %j', (input, expected) => expect(normaliseUserCode(input)).toBe(expected));
});
