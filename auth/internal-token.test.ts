import { decodeJwt, decodeProtectedHeader, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { AuthenticationError } from './authentication-error.js';
import { createInternalTokenSigner } from './create-internal-token-signer.js';
import { createInternalTokenVerifier } from './create-internal-token-verifier.js';
import { INTERNAL_TOKEN_HEADER } from './internal-token.js';
import { anonymousPrincipal, type Principal } from './principal.js';

const secret = 'test-internal-secret-0123456789-abcdef';
const signer = createInternalTokenSigner({ secret });
const verifier = createInternalTokenVerifier({ secret });
const key = new TextEncoder().encode(secret);
const now = () => Math.floor(Date.now() / 1000);

const citizen: Principal = { subject: 'citoyen-abc', role: 'citizen', niu: '123456789012', scopes: ['citizen'], clientId: 'portail-web' };
const agent: Principal = { subject: 'agent-1', role: 'agent', ministry: 'ENERGY', scopes: ['agent', 'agent:ENERGY'], clientId: 'console-agents' };
const supervisor: Principal = { subject: 'sup-1', role: 'supervisor', scopes: ['supervisor', 'supervision:read'], clientId: 'console-supervision' };
const integrator: Principal = { subject: 'integrateur-demo', role: 'integrator', scopes: ['citizens:read', 'dossiers:read'], clientId: 'integrateur-demo' };

/** An internal token signed with `signingKey`, with `claims` over a valid base. */
function forge(claims: JWTPayload, header: Record<string, unknown> = {}, signingKey: Uint8Array = key): Promise<string> {
  return new SignJWT({ iss: 'guichet-gateway', aud: 'guichet-subgraphs', sub: citizen.subject, iat: now(), exp: now() + 60, principal: citizen, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'guichet-internal+jwt', ...header } as { alg: string })
    .sign(signingKey);
}

async function reasonFor(token: string | undefined): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return (error as AuthenticationError).reason;
  }
  throw new Error('expected an AuthenticationError');
}

describe('internal token', () => {
  it('names its header', () => {
    expect(INTERNAL_TOKEN_HEADER).toBe('x-guichet-internal-token');
  });

  it('round-trips every kind of principal, with operation and trace id when given', async () => {
    for (const principal of [citizen, { ...citizen, companies: ['1000000016'] }, agent, supervisor, integrator, anonymousPrincipal]) {
      expect(await verifier.verify(await signer.sign(principal))).toEqual({ principal });
    }
    expect(await verifier.verify(await signer.sign(citizen, { operationName: 'CitizenDashboard', traceId: 'trace-1' }))).toEqual({
      principal: citizen,
      operationName: 'CitizenDashboard',
      traceId: 'trace-1',
    });
  });

  it('is a short-lived HS256 JWT for the subgraphs', async () => {
    const token = await signer.sign(citizen);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'guichet-internal+jwt' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: 'guichet-gateway', aud: 'guichet-subgraphs', sub: citizen.subject, jti: expect.any(String) });
    expect(claims.exp! - claims.iat!).toBe(60);
    const short = decodeJwt(await createInternalTokenSigner({ secret, ttlSeconds: 5 }).sign(citizen));
    expect(short.exp! - short.iat!).toBe(5);
  });

  it('refuses a missing, empty or garbage token', async () => {
    expect(await reasonFor(undefined)).toBe('internal token missing');
    expect(await reasonFor('')).toBe('internal token missing');
    expect(await reasonFor('garbage')).toBe('internal token: malformed token');
    expect(await reasonFor('a.b.c')).toBe('internal token: malformed token');
  });

  it('refuses a token signed with another secret', async () => {
    expect(await reasonFor(await forge({}, {}, new TextEncoder().encode('another-secret-of-at-least-32-bytes!!')))).toBe('internal token: signature invalid');
    expect(await reasonFor(await createInternalTokenSigner({ secret: `${secret}x` }).sign(citizen))).toBe('internal token: signature invalid');
  });

  it('refuses alg none and other algorithms', async () => {
    const unsigned = new UnsecuredJWT({ principal: citizen }).setIssuer('guichet-gateway').setAudience('guichet-subgraphs').setSubject(citizen.subject).setIssuedAt().setExpirationTime('1m').encode();
    expect(await reasonFor(unsigned)).toBe('internal token: algorithm not allowed');
    const hs512 = await new SignJWT({ principal: citizen })
      .setProtectedHeader({ alg: 'HS512', typ: 'guichet-internal+jwt' })
      .setIssuer('guichet-gateway')
      .setAudience('guichet-subgraphs')
      .setSubject(citizen.subject)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new Uint8Array(64));
    expect(await reasonFor(hs512)).toBe('internal token: algorithm not allowed');
  });

  it('refuses an expired token, another audience or issuer, another typ', async () => {
    expect(await reasonFor(await forge({ iat: now() - 120, exp: now() - 30 }))).toBe('internal token: token expired');
    expect(await reasonFor(await forge({ aud: 'guichet' }))).toBe('internal token: claim aud: check_failed');
    expect(await reasonFor(await forge({ iss: 'someone-else' }))).toBe('internal token: claim iss: check_failed');
    expect(await reasonFor(await forge({}, { typ: 'JWT' }))).toBe('internal token: claim typ: check_failed');
    expect(await reasonFor(await forge({ exp: undefined }))).toBe('internal token: claim exp: missing');
  });

  it('refuses a principal that is malformed or not the subject', async () => {
    for (const principal of [
      undefined,
      'citizen',
      { ...citizen, niu: undefined },
      { ...citizen, role: 'root' },
      { ...agent, ministry: 'NOWHERE' },
      { ...citizen, extra: 1 },
      { ...supervisor, niu: '123456789012' },
      { ...agent, companies: ['1000000016'] },
      { ...citizen, companies: ['12'] },
    ]) {
      expect(await reasonFor(await forge({ principal, sub: (principal as Principal | undefined)?.subject ?? citizen.subject })), JSON.stringify(principal)).toBe('internal token: invalid principal');
    }
    expect(await reasonFor(await forge({ sub: 'someone-else' }))).toBe('internal token: invalid principal');
  });

  it('enforces a secret of at least 32 bytes, counted in bytes', () => {
    expect(() => createInternalTokenSigner({ secret: 'short' })).toThrow('at least 32 bytes');
    expect(() => createInternalTokenVerifier({ secret: 'x'.repeat(31) })).toThrow(RangeError);
    expect(() => createInternalTokenVerifier({ secret: 'é'.repeat(16) })).not.toThrow();
    expect(() => createInternalTokenSigner({ secret, ttlSeconds: 0 })).toThrow(RangeError);
  });

  it('refuses to sign an invalid principal', async () => {
    await expect(signer.sign({ ...citizen, niu: 'abc' })).rejects.toThrow(TypeError);
  });
});

describe('internal token reuse', () => {
  it('hands the same token to one caller and operation within the reuse window, a fresh one after it', async () => {
    let clock = 1_000_000;
    const reusing = createInternalTokenSigner({ secret, reuseSeconds: 30, now: () => clock });
    const first = await reusing.sign(citizen, { operationName: 'DossierStatus' });
    expect(await reusing.sign(citizen, { operationName: 'DossierStatus' })).toBe(first);
    expect(await reusing.sign(citizen, { operationName: 'CitizenDashboard' })).not.toBe(first);
    expect(await reusing.sign(agent, { operationName: 'DossierStatus' })).not.toBe(first);
    clock += 30_000;
    expect(await reusing.sign(citizen, { operationName: 'DossierStatus' })).not.toBe(first);
  });

  it('signs every time when reuse is off, and refuses a reuse window as long as the lifetime', async () => {
    const fresh = createInternalTokenSigner({ secret, reuseSeconds: 0 });
    expect(await fresh.sign(citizen)).not.toBe(await fresh.sign(citizen));
    expect(() => createInternalTokenSigner({ secret, ttlSeconds: 10, reuseSeconds: 10 })).toThrow(RangeError);
  });

  it('serves a verified token from its cache, and only until its exp', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const start = Date.now();
      let cacheClock = start;
      const caching = createInternalTokenVerifier({ secret, now: () => cacheClock });
      const plain = createInternalTokenVerifier({ secret });
      const token = await forge({ exp: Math.floor(start / 1000) + 2 });
      expect(await caching.verify(token)).toEqual({ principal: citizen });
      // 10 s later jose refuses it (exp + 5 s skew passed); a cache still inside the token's life serves it.
      vi.setSystemTime(start + 10_000);
      await expect(plain.verify(token)).rejects.toBeInstanceOf(AuthenticationError);
      cacheClock = start + 1_000;
      expect(await caching.verify(token)).toEqual({ principal: citizen });
      // Once the cache's clock passes exp, the token is checked again, and refused.
      cacheClock = start + 2_000;
      await expect(caching.verify(token)).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      vi.useRealTimers();
    }
  });
});
