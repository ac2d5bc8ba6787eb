import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadOrCreateSigningKey, type SigningKey } from '../idp/index.js';
import { devToken, startTestIdp, testNius, type TestIdp } from '../idp/test-support/start-test-idp.js';
import { AuthenticationError } from './authentication-error.js';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './create-access-token-verifier.js';
import { anonymousPrincipal } from './principal.js';

let idp: TestIdp;
let key: SigningKey;
let verify: AccessTokenVerifier;
const niu = testNius[0]!;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  idp = await startTestIdp();
  key = await loadOrCreateSigningKey(idp.config.keyPath);
  // The test IdP runs outside production: its tokens carry the development mark, accepted here as a dev gateway does.
  verify = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, acceptDevelopmentTokens: true });
});
afterAll(() => idp.close());

/** A token as the IdP would sign it, with `claims` and `header` changed. */
function forge(claims: JWTPayload, options: { key?: CryptoKey | Uint8Array; header?: Record<string, unknown>; omit?: string[] } = {}): Promise<string> {
  const payload: JWTPayload = { iss: idp.issuer, aud: 'guichet', sub: 'citoyen-x', client_id: 'portail-web', role: 'citizen', niu, iat: now(), exp: now() + 600, ...claims };
  for (const name of options.omit ?? []) delete payload[name];
  const header: Record<string, unknown> = { alg: 'ES256', kid: key.kid, typ: 'at+jwt', ...options.header };
  for (const name of Object.keys(header)) if (header[name] === undefined) delete header[name];
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(options.key ?? key.privateKey);
}

/** The AuthenticationError reason for `header`, or a failure if it was accepted. */
async function reasonFor(header: string): Promise<string> {
  try {
    await verify(header);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return (error as AuthenticationError).reason;
  }
  throw new Error('expected an AuthenticationError');
}

describe('access token verifier: valid tokens', () => {
  it('gives the anonymous principal without an Authorization header', async () => {
    expect(await verify(undefined)).toBe(anonymousPrincipal);
  });

  it('maps each role of the IdP to its principal', async () => {
    const citizen = await verify(`Bearer ${await devToken(idp, { role: 'citizen', niu })}`);
    expect(citizen).toMatchObject({ role: 'citizen', niu, scopes: ['citizen'], clientId: 'portail-web' });
    expect(citizen).not.toHaveProperty('ministry');
    expect(citizen).not.toHaveProperty('companies');
    // The companies a citizen represents come from the signed claim, never from the request.
    expect(await verify(`Bearer ${await forge({ companies: ['1000000016'] })}`)).toMatchObject({ role: 'citizen', companies: ['1000000016'] });
    expect(await verify(`Bearer ${await forge({ companies: [] })}`)).not.toHaveProperty('companies');
    expect(await verify(`Bearer ${await devToken(idp, { role: 'agent', ministry: 'URBAN_PLANNING' })}`)).toMatchObject({
      role: 'agent',
      ministry: 'URBAN_PLANNING',
      scopes: ['agent', 'agent:URBAN_PLANNING'],
    });
    expect(await verify(`Bearer ${await devToken(idp, { role: 'supervisor' })}`)).toMatchObject({ role: 'supervisor', scopes: ['supervisor', 'supervision:read'] });
    expect(await verify(`bearer ${await devToken(idp, { role: 'integrator', scopes: ['citizens:read'] })}`)).toMatchObject({ role: 'integrator', scopes: ['citizens:read'] });
  });

  it('accepts tokens from another provider with the same claims (azp, extra scopes ignored, other agencies)', async () => {
    expect(await verify(`Bearer ${await forge({ role: 'agent', niu: undefined, ministry: 'JUSTICE', client_id: undefined, azp: 'console-justice', scope: 'openid dossiers:write' })}`)).toEqual({
      subject: 'citoyen-x',
      role: 'agent',
      ministry: 'JUSTICE',
      scopes: ['agent', 'agent:JUSTICE'],
      clientId: 'console-justice',
    });
    expect((await verify(`Bearer ${await forge({ role: 'integrator', niu: undefined, scope: 'openid dossiers:read profile dossiers:read admin' })}`)).scopes).toEqual(['dossiers:read']);
    expect((await verify(`Bearer ${await forge({ aud: ['account', 'guichet'] })}`)).role).toBe('citizen');
  });

  it('tolerates 30 s of clock skew on exp and nbf', async () => {
    expect((await verify(`Bearer ${await forge({ exp: now() - 10 })}`)).role).toBe('citizen');
    expect((await verify(`Bearer ${await forge({ nbf: now() + 10 })}`)).role).toBe('citizen');
  });
});

describe('access token verifier: refused tokens', () => {
  it('refuses an unsigned token (alg none)', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'x', client_id: 'c', role: 'supervisor' }).setIssuer(idp.issuer).setAudience('guichet').setIssuedAt().setExpirationTime('5m').encode();
    expect(await reasonFor(`Bearer ${unsigned}`)).toBe('algorithm not allowed');
    expect(await reasonFor(`Bearer ${unsigned.slice(0, -1)}`)).toMatch(/algorithm not allowed|malformed token/);
  });

  it('refuses a token signed by another key that claims the IdP’s kid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    expect(await reasonFor(`Bearer ${await forge({}, { key: privateKey })}`)).toBe('signature invalid');
  });

  it('refuses a token whose kid the IdP does not publish', async () => {
    expect(await reasonFor(`Bearer ${await forge({}, { header: { kid: 'other-kid' } })}`)).toBe('no signing key matches the token');
  });

  it('refuses HS256 tokens keyed with the IdP’s public key (algorithm confusion)', async () => {
    const publicJwk = await importJWK(key.publicJwk, 'ES256', { extractable: true });
    const secrets = [new TextEncoder().encode(await exportSPKI(publicJwk)), new TextEncoder().encode(JSON.stringify(await exportJWK(publicJwk)))];
    for (const secret of secrets) {
      expect(await reasonFor(`Bearer ${await forge({}, { key: secret, header: { alg: 'HS256' } })}`)).toBe('algorithm not allowed');
    }
  });

  it('refuses expired and not-yet-valid tokens beyond the skew', async () => {
    expect(await reasonFor(`Bearer ${await forge({ exp: now() - 60 })}`)).toBe('token expired');
    expect(await reasonFor(`Bearer ${await forge({ nbf: now() + 60 })}`)).toBe('claim nbf: check_failed');
    expect(await reasonFor(`Bearer ${await forge({}, { omit: ['exp'] })}`)).toBe('claim exp: missing');
  });

  it('refuses another audience or issuer', async () => {
    expect(await reasonFor(`Bearer ${await forge({ aud: 'autre-api' })}`)).toBe('claim aud: check_failed');
    expect(await reasonFor(`Bearer ${await forge({ iss: 'http://evil.example' })}`)).toBe('claim iss: check_failed');
    expect(await reasonFor(`Bearer ${await forge({}, { omit: ['iss'] })}`)).toBe('claim iss: missing');
  });

  it('refuses garbage and other schemes', async () => {
    for (const header of [
      '',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      'Bearer not.a.jwt',
      'Bearer a.b',
      'Bearer eyJhbGciOiJFUzI1NiJ9.e30.',
      'Bearer x y',
      `Bearer ${'a'.repeat(9_000)}`,
      'Token abc',
    ]) {
      await expect(verify(header)).rejects.toBeInstanceOf(AuthenticationError);
    }
  });

  it('refuses missing, unknown or contradictory claims', async () => {
    const cases: [JWTPayload, string[] | undefined, string][] = [
      [{}, ['sub'], 'claim sub: missing'],
      [{}, ['client_id'], 'invalid claims: client_id'],
      [{ azp: 'app-mobile' }, undefined, 'client_id and azp disagree'],
      [{}, ['role'], 'invalid claims: role'],
      [{ role: 'admin' }, undefined, 'invalid claims: role'],
      [{}, ['niu'], 'invalid claims: citizen without niu'],
      [{ niu: '12345678901' }, undefined, 'invalid claims: niu'],
      [{ niu: 123456789012 }, undefined, 'invalid claims: niu'],
      [{ role: 'agent', niu: undefined }, undefined, 'invalid claims: agent without ministry'],
      [{ role: 'agent', niu: undefined, ministry: 'FINANCES' }, undefined, 'invalid claims: ministry'],
      [{ role: 'agent', ministry: 'ENERGY' }, undefined, 'invalid claims: niu on a agent token'],
      [{ ministry: 'ENERGY' }, undefined, 'invalid claims: ministry on a citizen token'],
      [{ role: 'supervisor', niu: undefined, ministry: 'ENERGY' }, undefined, 'invalid claims: ministry on a supervisor token'],
      [{ sub: 'avec espace' }, undefined, 'invalid claims: sub'],
      [{ companies: ['1000000017'] }, undefined, 'invalid claims: companies'],
      [{ companies: ['1000000016', '1000000016'] }, undefined, 'invalid claims: companies'],
      [{ companies: '1000000016' }, undefined, 'invalid claims: companies'],
      [{ role: 'agent', niu: undefined, ministry: 'ENERGY', companies: ['1000000016'] }, undefined, 'invalid claims: companies on a agent token'],
    ];
    for (const [claims, omit, reason] of cases) {
      expect(await reasonFor(`Bearer ${await forge(claims, omit ? { omit } : {})}`), JSON.stringify({ claims, omit })).toBe(reason);
    }
  });

  it('refuses an algorithm outside the allow-list, and HS*/none at construction', async () => {
    const rsaOnly = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, algorithms: ['RS256'], acceptDevelopmentTokens: true });
    await expect(rsaOnly(`Bearer ${await devToken(idp, { role: 'supervisor' })}`)).rejects.toMatchObject({ reason: 'algorithm not allowed' });
    const options = { issuer: 'x', audience: 'y', jwksUrl: 'http://127.0.0.1:9/jwks' };
    expect(() => createAccessTokenVerifier({ ...options, algorithms: ['HS256' as 'RS256'] })).toThrow(TypeError);
    expect(() => createAccessTokenVerifier({ ...options, algorithms: ['none' as 'RS256'] })).toThrow(TypeError);
    expect(() => createAccessTokenVerifier({ ...options, algorithms: [] })).toThrow(TypeError);
  });

  it('refuses every token when the JWKS cannot be fetched', async () => {
    const stopped = await startTestIdp({ keyPath: idp.config.keyPath });
    await stopped.close();
    const orphan = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${stopped.url}/.well-known/jwks.json`, jwksTimeoutMs: 500 });
    await expect(orphan(`Bearer ${await forge({})}`)).rejects.toMatchObject({ name: 'AuthenticationError', reason: expect.stringMatching(/^signing keys unavailable/) });
    expect(await orphan(undefined)).toBe(anonymousPrincipal);
  });

  it('never puts the token in the error', async () => {
    const token = await forge({ aud: 'autre-api' });
    const error = await verify(`Bearer ${token}`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    const { message, reason, stack } = error as AuthenticationError;
    expect(JSON.stringify({ message, reason, stack })).not.toContain(token.split('.')[2]!);
  });
});

describe('access token verifier: the profile of an access token', () => {
  // Claims are made when each case runs (not when the file is collected), and a reason that counts the seconds left
  // allows the second the clock may turn between signing and verifying.
  const lifetimes: [string, () => JWTPayload, string | RegExp | undefined][] = [
    ['iat 61 s ahead (beyond the 30 s skew)', () => ({ iat: now() + 61, exp: now() + 600 }), 'iat in the future'],
    ['iat 20 s ahead (within the skew)', () => ({ iat: now() + 20, exp: now() + 600 }), undefined],
    ['a lifetime of 3601 s', () => ({ iat: now(), exp: now() + 3_601 }), 'lifetime 3601 s over the maximum of 3600 s'],
    ['a lifetime of exactly 3600 s', () => ({ iat: now(), exp: now() + 3_600 }), undefined],
    ['an old iat, exp still ahead', () => ({ iat: now() - 7_000, exp: now() + 60 }), 'lifetime 7060 s over the maximum of 3600 s'],
    ['no iat, 3700 s left', () => ({ iat: undefined, exp: now() + 3_700 }), /^no iat and (3699|3700) s left, over the maximum lifetime of 3600 s$/],
    ['no iat, 600 s left', () => ({ iat: undefined, exp: now() + 600 }), undefined],
  ];
  it.each(lifetimes)('%s', async (_case, claims, reason) => {
    const header = `Bearer ${await forge(claims())}`;
    if (reason === undefined) expect((await verify(header)).role).toBe('citizen');
    else expect(await reasonFor(header)).toMatch(reason);
  });

  it('bounds the lifetime by OIDC_MAX_TOKEN_LIFETIME_SECONDS', async () => {
    const long = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, maxLifetimeSeconds: 86_400 });
    expect((await long(`Bearer ${await forge({ exp: now() + 86_400 })}`)).role).toBe('citizen');
    await expect(long(`Bearer ${await forge({ exp: now() + 86_401 })}`)).rejects.toMatchObject({ reason: 'lifetime 86401 s over the maximum of 86400 s' });
    expect(() => createAccessTokenVerifier({ issuer: 'x', audience: 'y', jwksUrl: 'http://127.0.0.1:9/jwks', maxLifetimeSeconds: 0 })).toThrow(RangeError);
  });

  it.each([
    ['JWT', 'typ "JWT" not accepted'],
    ['application/jwt', 'typ "application/jwt" not accepted'],
    ['dpop+jwt', 'typ "dpop+jwt" not accepted'],
    ['guichet-internal+jwt', 'typ "guichet-internal+jwt" not accepted'],
    [undefined, 'typ header missing (an access token says at+jwt)'],
  ])('refuses typ %s by default', async (typ, reason) => {
    expect(await reasonFor(`Bearer ${await forge({}, { header: { typ } })}`)).toBe(reason);
  });

  it('accepts at+jwt however it is written, and the types it is told to', async () => {
    for (const typ of ['at+jwt', 'AT+JWT', 'application/at+jwt']) expect((await verify(`Bearer ${await forge({}, { header: { typ } })}`)).role).toBe('citizen');
    const keycloak = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, acceptedTypes: ['at+jwt', 'JWT', 'untyped'] });
    for (const typ of ['JWT', undefined]) expect((await keycloak(`Bearer ${await forge({}, { header: { typ } })}`)).role).toBe('citizen');
    await expect(keycloak(`Bearer ${await forge({}, { header: { typ: 'dpop+jwt' } })}`)).rejects.toMatchObject({ reason: 'typ "dpop+jwt" not accepted' });
    expect(() => createAccessTokenVerifier({ issuer: 'x', audience: 'y', jwksUrl: 'http://127.0.0.1:9/jwks', acceptedTypes: [] })).toThrow(TypeError);
  });

  it('never takes an ID token for an access token, even where JWT is an accepted type', async () => {
    const keycloak = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, acceptedTypes: ['at+jwt', 'jwt'] });
    const idToken = (claims: JWTPayload) => forge(claims, { header: { typ: 'JWT' } });
    const cases: [JWTPayload, string][] = [
      [{ nonce: 'n-0S6_WzA2Mj' }, 'an ID token, not an access token (claim nonce)'],
      [{ at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q' }, 'an ID token, not an access token (claim at_hash)'],
      [{ c_hash: 'LDktKdoQak3Pk0cnXxCltA' }, 'an ID token, not an access token (claim c_hash)'],
      [{ typ: 'ID' }, 'typ claim "ID" is not an access token\'s'],
      // An ID token's audience is the client it was issued to, not the API.
      [{ aud: 'portail-web' }, 'claim aud: check_failed'],
    ];
    for (const [claims, reason] of cases) await expect(keycloak(`Bearer ${await idToken(claims)}`), JSON.stringify(claims)).rejects.toMatchObject({ reason });
    // Keycloak's own access tokens say `typ: Bearer` in their claims.
    expect((await keycloak(`Bearer ${await idToken({ typ: 'Bearer' })}`)).role).toBe('citizen');
  });

  it('refuses the development IdP’s tokens unless told to accept them (outside production), and only those', async () => {
    const productionVerifier = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json` });
    for (const body of [{ role: 'citizen', niu }, { role: 'supervisor' }, { role: 'integrator', scopes: ['dossiers:read'] }]) {
      const token = await devToken(idp, body);
      await expect(productionVerifier(`Bearer ${token}`)).rejects.toMatchObject({ reason: 'development token refused in production (issued by the development IdP)' });
      expect((await verify(`Bearer ${token}`)).role).toBe(body.role);
    }
    // Whatever the mark's value: its presence is what counts.
    await expect(productionVerifier(`Bearer ${await forge({ guichet_dev: false })}`)).rejects.toMatchObject({ reason: expect.stringMatching(/^development token/) });
    expect((await productionVerifier(`Bearer ${await forge({})}`)).role).toBe('citizen');
  });

  it('never caches a refusal: a refused token is refused every time, an accepted one by another verifier changes nothing', async () => {
    const caching = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, cacheMaxEntries: 10 });
    const token = await devToken(idp, { role: 'supervisor' });
    expect((await verify(`Bearer ${token}`)).role).toBe('supervisor');
    for (let i = 0; i < 3; i += 1) await expect(caching(`Bearer ${token}`)).rejects.toBeInstanceOf(AuthenticationError);
    const long = await forge({ exp: now() + 7_200 });
    for (let i = 0; i < 3; i += 1) await expect(caching(`Bearer ${long}`)).rejects.toMatchObject({ reason: expect.stringMatching(/^lifetime/) });
  });
});

describe('access token verifier: cache of verified tokens', () => {
  it('serves a verified token without checking it again, until its exp or the cache age limit', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const start = Date.now();
      let cacheClock = start;
      const caching = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, cacheMaxAgeSeconds: 60, now: () => cacheClock });
      const header = `Bearer ${await forge({ exp: Math.floor(start / 1000) + 600 })}`;
      expect(await caching(header)).toMatchObject({ role: 'citizen', niu });
      // An hour later jose refuses it (expired); the cache, still inside its 60 s, serves what it verified.
      vi.setSystemTime(start + 3_600_000);
      await expect(verify(header)).rejects.toBeInstanceOf(AuthenticationError);
      cacheClock = start + 59_000;
      expect(await caching(header)).toMatchObject({ role: 'citizen', niu });
      // Past the cache age limit, the token is verified again, and refused.
      cacheClock = start + 60_000;
      await expect(caching(header)).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      vi.useRealTimers();
    }
  });
});
