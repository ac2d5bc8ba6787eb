import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdp, type TestIdp } from '../test-support/start-test-idp.js';
import { defaultSignInSettings } from './sign-in-context.js';
import { postToken, roomClientId, signedIn } from './test-support/sign-in-client.js';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(() => idp.close());

const refresh = (url: string, refreshToken: string, extra: Record<string, string> = {}) =>
  postToken(url, { grant_type: 'refresh_token', client_id: roomClientId, refresh_token: refreshToken, ...extra });
const revoke = async (url: string, form: Record<string, string>) => {
  const response = await fetch(`${url}/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

describe('grant_type=refresh_token', () => {
  it('rotates: each use returns a new refresh token and a new access token of the same person', async () => {
    const tokens = await signedIn(idp.url);
    let current = tokens.refresh_token;
    const seen = new Set([current]);
    for (let i = 0; i < 5; i += 1) {
      const renewed = await refresh(idp.url, current);
      expect(renewed.status).toBe(200);
      expect(renewed.json.id_token).toBeUndefined();
      expect(decodeJwt(String(renewed.json.access_token))).toMatchObject({ sub: 'superviseur-demo', role: 'supervisor', client_id: roomClientId });
      current = String(renewed.json.refresh_token);
      expect(seen.has(current)).toBe(false);
      seen.add(current);
    }
  });

  it('revokes the whole family when any rotated-away token is presented again', async () => {
    for (const reuseIndex of [0, 1, 2]) {
      const tokens = await signedIn(idp.url);
      const chain = [tokens.refresh_token];
      for (let i = 0; i < 3; i += 1) chain.push(String((await refresh(idp.url, chain.at(-1)!)).json.refresh_token));
      const reuse = await refresh(idp.url, chain[reuseIndex]!);
      expect([reuse.status, reuse.json.error]).toEqual([400, 'invalid_grant']);
      // The legitimate holder's current token is dead too: the thief and the owner both sign in again.
      const current = await refresh(idp.url, chain.at(-1)!);
      expect([current.status, current.json.error]).toEqual([400, 'invalid_grant']);
    }
  });

  it('refuses unknown, malformed, other-client and missing refresh tokens', async () => {
    const { refresh_token } = await signedIn(idp.url);
    const cases: [Record<string, string>, number, string][] = [
      [{ grant_type: 'refresh_token', client_id: roomClientId, refresh_token: 'inconnu' }, 400, 'invalid_grant'],
      [{ grant_type: 'refresh_token', client_id: roomClientId, refresh_token: '' }, 400, 'invalid_grant'],
      [{ grant_type: 'refresh_token', client_id: roomClientId, refresh_token: `${refresh_token}x` }, 400, 'invalid_grant'],
      [{ grant_type: 'refresh_token', client_id: roomClientId }, 400, 'invalid_request'],
      [{ grant_type: 'refresh_token', client_id: 'autre', refresh_token }, 401, 'invalid_client'],
      [{ grant_type: 'refresh_token', refresh_token }, 401, 'invalid_client'],
      [{ grant_type: 'refresh_token', client_id: roomClientId, client_secret: 'secret-secret-secret', refresh_token }, 401, 'invalid_client'],
    ];
    for (const [form, status, error] of cases) {
      const refused = await postToken(idp.url, form);
      expect([refused.status, refused.json.error], JSON.stringify(form)).toEqual([status, error]);
    }
    // None of those was a reuse: the token still works.
    expect((await refresh(idp.url, refresh_token)).status).toBe(200);
  });

  it('ends at the absolute lifetime, however often it was rotated', async () => {
    const short = await startTestIdp({ signIn: { ...defaultSignInSettings, refreshTtlSeconds: 2 } });
    try {
      const tokens = await signedIn(short.url);
      const renewed = await refresh(short.url, tokens.refresh_token);
      expect(renewed.status).toBe(200);
      expect(renewed.json.refresh_expires_in).toBeLessThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const late = await refresh(short.url, String(renewed.json.refresh_token));
      expect([late.status, late.json.error, late.json.error_description]).toEqual([400, 'invalid_grant', 'refresh token expired']);
    } finally {
      await short.close();
    }
  });
});

describe('POST /revoke (RFC 7009)', () => {
  it('revokes a sign-in by its current or any earlier refresh token', async () => {
    for (const which of ['current', 'earlier'] as const) {
      const tokens = await signedIn(idp.url);
      const renewed = String((await refresh(idp.url, tokens.refresh_token)).json.refresh_token);
      const revoked = await revoke(idp.url, { token: which === 'current' ? renewed : tokens.refresh_token, token_type_hint: 'refresh_token', client_id: roomClientId });
      expect(revoked.status).toBe(200);
      expect((await refresh(idp.url, renewed)).json.error).toBe('invalid_grant');
    }
  });

  it('answers 200 to an unknown token or an access token, and refuses a request without token or client', async () => {
    const tokens = await signedIn(idp.url);
    for (const token of ['inconnu', tokens.access_token]) expect((await revoke(idp.url, { token, client_id: roomClientId })).status).toBe(200);
    expect((await refresh(idp.url, tokens.refresh_token)).status).toBe(200);
    expect(await revoke(idp.url, { client_id: roomClientId })).toEqual({ status: 400, json: { error: 'invalid_request', error_description: 'token is required' } });
    expect((await revoke(idp.url, { token: 'x' })).json.error).toBe('invalid_client');
    expect((await revoke(idp.url, { token: 'x', client_id: 'autre' })).json.error).toBe('invalid_client');
  });
});
