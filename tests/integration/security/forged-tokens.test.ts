import { describe, expect, inject, it } from 'vitest';
import { forgeAccessToken, hs256WithPublicKey, idpJwks, idpSigningKey, tokenFromAnotherKey, unsignedToken, type AccessClaims } from '../../support/forged-tokens.js';
import { legacyCounters } from '../../support/legacy-counters.js';
import { expectNoLeak } from '../../support/leaks.js';
import { rawPost } from '../../support/raw-http.js';
import { citizensInAllSystems } from '../../support/world.js';

/** Forged, stale or misdirected access tokens at the gateway: 401 UNAUTHENTICATED, and not one word of why. */
// A citizen of its own: the control case below is a genuine read, which would show in another test's access log.
const victim = citizensInAllSystems()[64]!.niu;
const claims: AccessClaims = { sub: 'forger', client_id: 'portail-web', role: 'citizen', niu: victim };
const query = JSON.stringify({ query: 'query Forged { me { niu firstName lastName } procedures { code } }' });

/** The only body a refused credential gets: the code and the generic French message. */
const refusal = { errors: [{ message: 'Authentification requise.', extensions: { code: 'UNAUTHENTICATED' } }] };

async function withAuthorization(authorization: string) {
  return rawPost(query, { 'content-type': 'application/json', authorization });
}

async function expectRefused(authorization: string) {
  const response = await withAuthorization(authorization);
  expect(response.status).toBe(401);
  expect(response.json).toEqual(refusal);
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  expectNoLeak(response.text, { nius: [victim] });
  expect(response.text).not.toMatch(/expired|audience|issuer|alg|kid|claim|signature|malformed|bearer token/i);
}

describe('forged access tokens at the gateway', () => {
  it('control: a token forged with the IdP’s own key and correct claims is accepted (so each case below tests one check)', async () => {
    const response = await withAuthorization(`Bearer ${await forgeAccessToken(claims)}`);
    expect(response.status).toBe(200);
    expect(response.json?.data).toMatchObject({ me: { niu: victim } });
  });

  it('the IdP publishes the kid the forgers claim', async () => {
    expect((await idpJwks()).keys.map((k) => k.kid)).toContain((await idpSigningKey()).kid);
  });

  it('alg none is refused', async () => {
    await expectRefused(`Bearer ${unsignedToken(claims)}`);
  });

  it('a token signed by another key under the IdP’s kid is refused', async () => {
    await expectRefused(`Bearer ${await tokenFromAnotherKey(claims)}`);
  });

  it('an expired token (beyond the 30 s skew) is refused', async () => {
    await expectRefused(`Bearer ${await forgeAccessToken(claims, { expiresIn: -120 })}`);
  });

  it('a token not yet valid (nbf beyond the skew) is refused', async () => {
    await expectRefused(`Bearer ${await forgeAccessToken(claims, { notBefore: 600 })}`);
  });

  it('a token for another audience is refused', async () => {
    await expectRefused(`Bearer ${await forgeAccessToken(claims, { audience: 'another-api' })}`);
  });

  it('a token from another issuer is refused, even signed with the trusted key', async () => {
    await expectRefused(`Bearer ${await forgeAccessToken(claims, { issuer: 'https://idp.example.org' })}`);
  });

  it('HS256 signed with the IdP’s public key (algorithm confusion) is refused', async () => {
    await expectRefused(`Bearer ${await hs256WithPublicKey(claims)}`);
  });

  it('garbage bearer values are refused', async () => {
    for (const garbage of ['Bearer abc', 'Bearer a.b.c', 'Bearer ....', `Bearer ${'A'.repeat(9_000)}`, 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.']) await expectRefused(garbage);
  });

  it('the Basic scheme is refused', async () => {
    await expectRefused(`Basic ${Buffer.from('portail-web:secret').toString('base64')}`);
  });

  it('a genuinely signed token with contradictory claims (a citizen without a NIU, an unknown role) is refused', async () => {
    await expectRefused(`Bearer ${await forgeAccessToken({ sub: 'x', client_id: 'portail-web', role: 'citizen' })}`);
    await expectRefused(`Bearer ${await forgeAccessToken({ sub: 'x', client_id: 'portail-web', role: 'admin' })}`);
    await expectRefused(`Bearer ${await forgeAccessToken({ sub: 'x', client_id: 'portail-web', role: 'supervisor', niu: victim })}`);
  });

  it('a mutation under a forged token files nothing', async () => {
    const before = await legacyCounters();
    const mutation = `mutation { requestCivilActCopy(idempotencyKey: "forged-${Date.now()}", input: { applicantNiu: "${victim}", actNumber: "N-GOLFE1-2019-000001", copies: 1 }) { reference } }`;
    for (const token of [unsignedToken(claims), await tokenFromAnotherKey(claims), await forgeAccessToken(claims, { expiresIn: -120 })]) {
      const response = await rawPost(JSON.stringify({ query: mutation }), { 'content-type': 'application/json', authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expect(response.json).toEqual(refusal);
    }
    expect(await legacyCounters()).toEqual(before);
  });

  it('a refused token is refused over GET too', async () => {
    const response = await fetch(`${inject('gatewayUrl')}?query=${encodeURIComponent('{ me { niu } }')}`, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${unsignedToken(claims)}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(refusal);
  });
});
