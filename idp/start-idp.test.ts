import { calculateJwkThumbprint, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integratorScopes } from '../auth/index.js';
import { devToken, startTestIdp, testNius, type TestIdp } from './test-support/start-test-idp.js';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(() => idp.close());

describe('IdP discovery', () => {
  it('publishes OpenID configuration derived from its issuer', async () => {
    const response = await fetch(`${idp.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toMatchObject({
      issuer: idp.url,
      jwks_uri: `${idp.url}/.well-known/jwks.json`,
      token_endpoint: `${idp.url}/token`,
      // Outside production the room's sign-in grants too (idp/sign-in/authorization-code-flow.test.ts).
      grant_types_supported: expect.arrayContaining(['client_credentials']),
      token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
      id_token_signing_alg_values_supported: ['ES256'],
      scopes_supported: expect.arrayContaining([...integratorScopes]),
    });
    expect(idp.issuer).toBe(idp.url);
  });

  it('uses IDP_ISSUER when set', async () => {
    const fixed = await startTestIdp({ issuer: 'https://idp.example.tg' });
    try {
      const config = (await (await fetch(`${fixed.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(config).toMatchObject({ issuer: 'https://idp.example.tg', jwks_uri: 'https://idp.example.tg/.well-known/jwks.json', token_endpoint: 'https://idp.example.tg/token' });
    } finally {
      await fixed.close();
    }
  });

  it('publishes the public key only, under its thumbprint kid', async () => {
    const response = await fetch(`${idp.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: idp.kid, alg: 'ES256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    expect(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: key!.x, y: key!.y })).toBe(idp.kid);
  });

  it('signs tokens that verify against its JWKS, with the kid in the header', async () => {
    const token = await devToken(idp, { role: 'citizen', niu: testNius[0] });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: idp.kid, typ: 'at+jwt' });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${idp.url}/.well-known/jwks.json`)), { issuer: idp.url, audience: 'guichet' });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload.jti).toEqual(expect.any(String));
  });

  it('answers /health and a JSON 404 elsewhere', async () => {
    expect(await (await fetch(`${idp.url}/health`)).json()).toEqual({ status: 'ok' });
    const missing = await fetch(`${idp.url}/userinfo`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${idp.url}/token`)).status).toBe(404);
  });
});
