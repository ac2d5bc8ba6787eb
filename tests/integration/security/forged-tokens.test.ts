import { describe, expect, inject, it } from 'vitest';
import { forgeAccessToken, hs256WithPublicKey, idpJwks, idpSigningKey, tokenFromAnotherKey, unsignedToken, type AccessClaims, type ForgeOptions } from '../../support/forged-tokens.js';
import { legacyCounters } from '../../support/legacy-counters.js';
import { expectNoLeak } from '../../support/leaks.js';
import { rawPost } from '../../support/raw-http.js';
import { citizensInAllSystems } from '../../support/world.js';

/** Forged, stale or misdirected access tokens at the gateway: 401 UNAUTHENTICATED, and not one word of why. */
// A citizen of its own: the control case below is a genuine read, which would show in another test's access log.
const victim = citizensInAllSystems()[64]!.niu;
const claims: AccessClaims = { sub: 'forger', client_id: 'portail-web', role: 'citizen', niu: victim };
const query = JSON.stringify({ query: 'query Forged { me { niu firstName lastName } procedures { code } }' });

/** The only body a refused credential gets: the code, the generic French message, and "invalid" (never why). */
const refusal = { errors: [{ message: 'Authentification requise.', extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' } }] };
/** A genuine token past its `exp` may say so (jose checks signature, issuer and audience first): the app refreshes it. */
const expiredRefusal = { errors: [{ message: 'Votre session a expiré : connectez-vous à nouveau.', extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' } }] };
const invalidChallenge = 'Bearer realm="guichet", error="invalid_token", error_description="The access token is invalid"';
const expiredChallenge = 'Bearer realm="guichet", error="invalid_token", error_description="The access token expired"';

async function withAuthorization(authorization: string) {
  return rawPost(query, { 'content-type': 'application/json', authorization });
}

async function expectRefused(authorization: string, expired = false) {
  const response = await withAuthorization(authorization);
  expect(response.status).toBe(401);
  expect(response.json).toEqual(expired ? expiredRefusal : refusal);
  expect(response.headers.get('www-authenticate')).toBe(expired ? expiredChallenge : invalidChallenge);
  expectNoLeak(response.text, { nius: [victim] });
  // The reason code says expired or invalid (the challenge too), on purpose; nothing else of why.
  expect(response.text.replace(/TOKEN_EXPIRED|TOKEN_INVALID/g, '')).not.toMatch(/expired|audience|issuer|alg|kid|claim|signature|malformed|bearer token/i);
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
    await expectRefused(`Bearer ${await forgeAccessToken(claims, { expiresIn: -120 })}`, true);
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
    for (const [token, expired] of [
      [unsignedToken(claims), false],
      [await tokenFromAnotherKey(claims), false],
      [await forgeAccessToken(claims, { expiresIn: -120 }), true],
    ] as const) {
      const response = await rawPost(JSON.stringify({ query: mutation }), { 'content-type': 'application/json', authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expect(response.json).toEqual(expired ? expiredRefusal : refusal);
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

/**
 * Token hardening, generated: a genuinely signed token (the IdP's own key, issuer and audience) wrong in exactly one
 * of its age, lifetime or type. The stack's gateway runs with the defaults: 30 s of clock tolerance, a lifetime of at
 * most 3600 s (OIDC_MAX_TOKEN_LIFETIME_SECONDS), `typ: at+jwt` only (OIDC_ACCEPTED_TOKEN_TYPES).
 */
const maxLifetimeS = 3_600;
const toleranceS = 30;

const refusedShapes: [string, ForgeOptions, AccessClaims?][] = [
  // iat in the future, beyond the skew, whatever the rest says.
  ...[toleranceS + 60, 600, 3_000].map((ahead): [string, ForgeOptions] => [`iat ${ahead} s in the future`, { issuedAt: ahead, expiresIn: ahead + 300 }]),
  // A lifetime (exp - iat) over the maximum: a stolen token would live that long.
  ...[maxLifetimeS + 60, 86_400, 365 * 86_400].map((lifetime): [string, ForgeOptions] => [`a lifetime of ${lifetime} s`, { expiresIn: lifetime }]),
  // An old iat with an exp still ahead: the lifetime counts from iat, not from now.
  ['issued 2 h ago, valid 10 more minutes', { issuedAt: -7_200, expiresIn: 600 }],
  // Without iat, what is left of its life (exp - now) is its lifetime.
  ...[maxLifetimeS + 120, 86_400].map((left): [string, ForgeOptions] => [`no iat and ${left} s left`, { issuedAt: null, expiresIn: left }]),
  // Another JOSE type: an ID token, a DPoP proof, a logout token, Guichet's own internal token, or none at all.
  ...['JWT', 'jwt', 'application/jwt', 'id_token+jwt', 'dpop+jwt', 'logout+jwt', 'guichet-internal+jwt', 'at+jwt2'].map((typ): [string, ForgeOptions] => [`typ ${typ}`, { typ }]),
  ['no typ header', { typ: null }],
  // An ID token dressed as an access token: what only ID tokens carry gives it away.
  ['an ID token (nonce) typed at+jwt', {}, { nonce: 'n-0S6_WzA2Mj' }],
  ['an ID token (at_hash) typed at+jwt', {}, { at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q' }],
];

const acceptedShapes: [string, ForgeOptions][] = [
  ['issued 10 s in the future (within the skew)', { issuedAt: 10, expiresIn: 900 }],
  ['issued 20 minutes ago', { issuedAt: -1_200, expiresIn: 600 }],
  [`a lifetime of exactly ${maxLifetimeS} s`, { expiresIn: maxLifetimeS }],
  ['no iat and 600 s left', { issuedAt: null, expiresIn: 600 }],
  ['typ application/at+jwt (the same media type, RFC 7515 §4.1.9)', { typ: 'application/at+jwt' }],
  ['typ AT+JWT (media types are case-insensitive)', { typ: 'AT+JWT' }],
];

describe('token hardening: age, lifetime and type (generated)', () => {
  it.each(refusedShapes)('refuses a genuinely signed token with %s', async (_case, options, extra) => {
    await expectRefused(`Bearer ${await forgeAccessToken({ ...claims, ...extra }, options)}`);
  });

  it.each(acceptedShapes)('accepts one with %s (control)', async (_case, options) => {
    const response = await withAuthorization(`Bearer ${await forgeAccessToken(claims, options)}`);
    expect(response.status).toBe(200);
    expect(response.json?.data).toMatchObject({ me: { niu: victim } });
  });

  it('refuses the same token every time: a refusal is never remembered as a verified token', async () => {
    const token = await forgeAccessToken(claims, { expiresIn: 86_400 });
    for (let i = 0; i < 3; i += 1) await expectRefused(`Bearer ${token}`);
  });
});
