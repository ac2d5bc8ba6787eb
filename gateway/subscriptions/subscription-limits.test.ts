import { describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/index.js';
import type { PrincipalStreams } from './principal-streams/index.js';
import { createSubscriptionLimits } from './subscription-limits.js';

const principal = (subject: string, clientId = 'app-mobile'): Principal => ({ subject, role: 'citizen', niu: '1000000001', scopes: ['citizen'], clientId });
const codeOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return `${(error as { extensions: { code: string } }).extensions.code}`;
  }
};

describe('subscription caps', () => {
  it.each([
    [1, 1],
    [2, 5],
    [3, 4],
  ])('per principal %i, per process %i: refused past either, freed on release', async (perPrincipal, perProcess) => {
    const limits = createSubscriptionLimits({ maxPerPrincipal: perPrincipal, maxPerProcess: perProcess });
    const releases: (() => void)[] = [];
    const subjects = ['a', 'b', 'c', 'd', 'e', 'f'];
    const expected: string[] = [];
    const seen: string[] = [];
    const held = new Map<string, number>();
    for (const subject of subjects)
      for (let i = 0; i < perPrincipal + 1; i += 1) {
        const mine = held.get(subject) ?? 0;
        const total = [...held.values()].reduce((a, b) => a + b, 0);
        const verdict = total >= perProcess ? 'SERVICE_OVERLOADED' : mine >= perPrincipal ? 'RATE_LIMITED' : 'ok';
        expected.push(verdict);
        seen.push(
          await codeOf(async () => {
            releases.push(await limits.acquire(principal(subject)));
          }),
        );
        if (verdict === 'ok') held.set(subject, mine + 1);
      }
    expect(seen).toEqual(expected);
    expect(limits.open()).toBe(Math.min(perProcess, perPrincipal * subjects.length));
    for (const release of releases) {
      release();
      release();
    }
    expect(limits.open()).toBe(0);
    expect(await codeOf(() => limits.acquire(principal('a')))).toBe('ok');
  });

  it('counts a person’s clients apart (phone and browser)', async () => {
    const limits = createSubscriptionLimits({ maxPerPrincipal: 1, maxPerProcess: 10 });
    await limits.acquire(principal('a', 'app-mobile'));
    expect(await codeOf(() => limits.acquire(principal('a', 'portail-web')))).toBe('ok');
    expect(await codeOf(() => limits.acquire(principal('a', 'app-mobile')))).toBe('RATE_LIMITED');
  });

  it('holds the process cap under concurrent subscribes while the principal’s count is asked elsewhere', async () => {
    // A counter that answers later (as Redis does): every subscribe is in flight at once.
    const slow: PrincipalStreams = {
      claim: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return { release: () => undefined };
      },
      close: async () => undefined,
    };
    const limits = createSubscriptionLimits({ maxPerPrincipal: 100, maxPerProcess: 3, principals: slow });
    const codes = await Promise.all(Array.from({ length: 8 }, (_, i) => codeOf(() => limits.acquire(principal(`s${i}`)))));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(codes.filter((c) => c === 'SERVICE_OVERLOADED')).toHaveLength(5);
    expect(limits.open()).toBe(3);
  });

  it('gives back the process place of a principal refused by their count', async () => {
    const full: PrincipalStreams = { claim: async () => undefined, close: async () => undefined };
    const limits = createSubscriptionLimits({ maxPerPrincipal: 1, maxPerProcess: 1, principals: full });
    expect(await codeOf(() => limits.acquire(principal('a')))).toBe('RATE_LIMITED');
    expect(await codeOf(() => limits.acquire(principal('b')))).toBe('RATE_LIMITED');
    expect(limits.open()).toBe(0);
  });
});
