import { describe, expect, it } from 'vitest';
import { anonymousPrincipal, type Principal } from '../../auth/principal.js';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.js';
import { createRateLimiter, type RateLimits } from './rate-limiter.js';

const citizen = (subject: string, clientId = 'portail-web'): Principal => ({ subject, role: 'citizen', niu: '000000000001', scopes: ['citizen'], clientId });
const integrator: Principal = { subject: 'integrateur-x', role: 'integrator', scopes: ['dossiers:read'], clientId: 'integrateur-x' };

function limiter(limits: Partial<RateLimits> = {}) {
  let nowMs = 0;
  const instance = createRateLimiter({ store: createMemoryRateLimitStore(), limits: { userPerMinute: 2, clientPerMinute: 5, anonymousPerMinute: 1, ...limits }, now: () => nowMs });
  return { check: instance.check, advance: (ms: number) => (nowMs += ms) };
}

async function allowed(check: ReturnType<typeof limiter>['check'], principal: Principal, ip = '10.0.0.1', times = 1): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let i = 0; i < times; i++) results.push((await check(principal, ip)).allowed);
  return results;
}

describe('rate limiter', () => {
  it('limits each person on their own: one user exhausted, another of the same client still served', async () => {
    const { check } = limiter();
    expect(await allowed(check, citizen('afi'), '10.0.0.1', 3)).toEqual([true, true, false]);
    expect(await check(citizen('afi'), '10.0.0.1')).toMatchObject({
      allowed: false,
      limitedBy: 'user',
      retryAfterMs: 30_000,
      policies: [{ scope: 'user', limit: 2, windowMs: 60_000, remaining: 0, resetMs: 60_000 }],
    });
    expect(await allowed(check, citizen('kodjo'))).toEqual([true]);
  });

  it('reports every bucket a request was counted in, and none for a caller without limits', async () => {
    const { check } = limiter();
    expect((await check(citizen('esi'), '10.0.0.1')).policies).toEqual([
      { scope: 'user', limit: 2, windowMs: 60_000, remaining: 1, resetMs: 30_000 },
      { scope: 'client', limit: 5, windowMs: 60_000, remaining: 4, resetMs: 12_000 },
    ]);
    expect((await limiter({ anonymousPerMinute: 0 }).check(anonymousPrincipal, '10.0.0.1')).policies).toEqual([]);
  });

  it('limits a client across all its users', async () => {
    const { check } = limiter();
    const served = [];
    for (const user of ['a', 'b', 'c']) served.push(...(await allowed(check, citizen(user), '10.0.0.1', 2)));
    expect(served).toEqual([true, true, true, true, true, false]);
    expect(await check(citizen('d'), '10.0.0.9')).toMatchObject({ allowed: false, limitedBy: 'client' });
    // Another client is not affected.
    expect(await allowed(check, citizen('d', 'app-mobile'))).toEqual([true]);
  });

  it('limits anonymous callers by IP, each IP on its own', async () => {
    const { check, advance } = limiter();
    expect(await allowed(check, anonymousPrincipal, '10.0.0.1', 2)).toEqual([true, false]);
    expect(await check(anonymousPrincipal, '10.0.0.1')).toMatchObject({ limitedBy: 'anonymous', retryAfterMs: 60_000 });
    expect(await allowed(check, anonymousPrincipal, '10.0.0.2')).toEqual([true]);
    advance(60_000);
    expect(await allowed(check, anonymousPrincipal, '10.0.0.1')).toEqual([true]);
  });

  it('limits an integrator by its client only, and honours per-client overrides', async () => {
    const { check } = limiter({ clientOverrides: { 'integrateur-x': 3 } });
    expect(await allowed(check, integrator, '10.0.0.1', 4)).toEqual([true, true, true, false]);
  });

  it('treats 0 as no limit', async () => {
    const { check } = limiter({ userPerMinute: 0, clientPerMinute: 0 });
    expect(await allowed(check, citizen('afi'), '10.0.0.1', 50)).not.toContain(false);
  });

  it('recovers as time passes (fake clock)', async () => {
    const { check, advance } = limiter();
    await allowed(check, citizen('afi'), '10.0.0.1', 2);
    advance(29_999);
    expect(await allowed(check, citizen('afi'))).toEqual([false]);
    advance(1);
    expect(await allowed(check, citizen('afi'))).toEqual([true]);
  });
});
