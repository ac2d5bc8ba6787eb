import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier, DEVELOPMENT_TOKEN_CLAIM } from '../auth/index.js';
import { startTestIdp, type TestIdp } from './test-support/start-test-idp.js';

let idp: TestIdp;
const demo = { id: 'integrateur-demo', secret: 'secret-demo-lecture-a-changer' };
const odd = { id: 'client.odd', secret: 'p@ss:w+rd é%20 with spaces' };

beforeAll(async () => {
  idp = await startTestIdp({
    clients: [
      { clientId: demo.id, clientSecret: demo.secret, scopes: ['citizens:read', 'dossiers:read'] },
      { clientId: odd.id, clientSecret: odd.secret, scopes: ['dossiers:write'] },
    ],
  });
});
afterAll(() => idp.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function token(params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${idp.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

describe('POST /token (client credentials)', () => {
  it('issues an integrator token with every granted scope, client authenticated by Basic', async () => {
    const { status, json, headers } = await token({ grant_type: 'client_credentials' }, { authorization: basic(demo.id, demo.secret) });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(json).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'citizens:read dossiers:read' });
    const { payload } = await jwtVerify(String(json.access_token), createRemoteJWKSet(new URL(`${idp.url}/.well-known/jwks.json`)), { issuer: idp.issuer, audience: 'guichet' });
    expect(payload).toMatchObject({ iss: idp.issuer, aud: 'guichet', sub: demo.id, client_id: demo.id, role: 'integrator', scope: 'citizens:read dossiers:read' });
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('accepts credentials in the body and narrows to the scope asked', async () => {
    const { status, json } = await token({ grant_type: 'client_credentials', client_id: demo.id, client_secret: demo.secret, scope: 'dossiers:read' });
    expect(status).toBe(200);
    expect(json.scope).toBe('dossiers:read');
    const verify = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, acceptDevelopmentTokens: true });
    expect(await verify(`Bearer ${String(json.access_token)}`)).toEqual({ subject: demo.id, role: 'integrator', scopes: ['dossiers:read'], clientId: demo.id });
  });

  it('form-decodes Basic credentials (RFC 6749 §2.3.1)', async () => {
    const { status, json } = await token({ grant_type: 'client_credentials' }, { authorization: basic(odd.id, odd.secret) });
    expect(status).toBe(200);
    expect(json.scope).toBe('dossiers:write');
  });

  it('refuses a wrong secret, an unknown client or no credentials with 401 invalid_client', async () => {
    for (const attempt of [
      token({ grant_type: 'client_credentials' }, { authorization: basic(demo.id, 'wrong-secret-wrong-secret') }),
      token({ grant_type: 'client_credentials', client_id: demo.id, client_secret: `${demo.secret}x` }),
      token({ grant_type: 'client_credentials', client_id: 'inconnu', client_secret: demo.secret }),
      token({ grant_type: 'client_credentials' }),
      token({ grant_type: 'client_credentials', client_id: demo.id }),
    ]) {
      const { status, json, headers } = await attempt;
      expect(status).toBe(401);
      expect(json.error).toBe('invalid_client');
      expect(json).not.toHaveProperty('access_token');
      expect(headers.get('www-authenticate')).toContain('Basic realm="guichet-idp"');
    }
  });

  it('refuses a scope beyond the grant, or unknown, with invalid_scope', async () => {
    for (const scope of ['dossiers:read dossiers:write', 'supervision:read', 'admin']) {
      const { status, json } = await token({ grant_type: 'client_credentials', scope }, { authorization: basic(demo.id, demo.secret) });
      expect(status).toBe(400);
      expect(json.error).toBe('invalid_scope');
      expect(json).not.toHaveProperty('access_token');
    }
  });

  it('refuses other grants, missing or repeated parameters, two client authentications and other bodies', async () => {
    const auth = { authorization: basic(demo.id, demo.secret) };
    expect((await token({ grant_type: 'password' }, auth)).json.error).toBe('unsupported_grant_type');
    expect((await token({}, auth)).json.error).toBe('invalid_request');
    expect((await token({ grant_type: 'client_credentials', client_id: demo.id, client_secret: demo.secret }, auth)).json.error).toBe('invalid_request');
    const repeated = await fetch(`${idp.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth },
      body: 'grant_type=client_credentials&scope=dossiers:read&scope=citizens:read',
    });
    expect(repeated.status).toBe(400);
    expect(await repeated.json()).toMatchObject({ error: 'invalid_request', error_description: 'paramètre répété : scope' });
    const json = await fetch(`${idp.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{"grant_type":"client_credentials"}' });
    expect(json.status).toBe(400);
    const huge = await fetch(`${idp.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&x=${'a'.repeat(20_000)}` });
    expect(huge.status).toBe(413);
  });
});

describe('the development mark', () => {
  it('is on every token of an IdP outside production, client credentials included', async () => {
    const { json } = await token({ grant_type: 'client_credentials' }, { authorization: basic(demo.id, demo.secret) });
    expect(decodeJwt(String(json.access_token))[DEVELOPMENT_TOKEN_CLAIM]).toBe(true);
  });

  it('is absent from a production IdP’s tokens, which a production verifier accepts', async () => {
    const client = { clientId: 'ministere-x', clientSecret: 'a-real-secret-of-the-ministry', scopes: ['dossiers:read' as const] };
    const production = await startTestIdp({ nodeEnv: 'production', clients: [client], defaultClients: false });
    try {
      const response = await fetch(`${production.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.clientId, client.clientSecret) },
        body: 'grant_type=client_credentials',
      });
      const { access_token: accessToken } = (await response.json()) as { access_token: string };
      expect(decodeJwt(accessToken)).not.toHaveProperty(DEVELOPMENT_TOKEN_CLAIM);
      const verify = createAccessTokenVerifier({ issuer: production.issuer, audience: 'guichet', jwksUrl: `${production.url}/.well-known/jwks.json` });
      expect(await verify(`Bearer ${accessToken}`)).toMatchObject({ role: 'integrator', clientId: 'ministere-x', scopes: ['dossiers:read'] });
      // No /dev/token in production.
      expect((await fetch(`${production.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"supervisor"}' })).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});
