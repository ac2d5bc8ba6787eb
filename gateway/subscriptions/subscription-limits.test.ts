import { describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/index.js';
import { createSubscriptionLimits } from './subscription-limits.js';

const principal = (subject: string, clientId = 'app-mobile'): Principal => ({ subject, role: 'citizen', niu: '1000000001', scopes: ['citizen'], clientId });
const codeOf = (run: () => unknown) => {
  try {
    run();
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
  ])('per principal %i, per process %i: refused past either, freed on release', (perPrincipal, perProcess) => {
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
          codeOf(() => {
            releases.push(limits.acquire(principal(subject)));
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
    expect(codeOf(() => limits.acquire(principal('a')))).toBe('ok');
  });

  it('counts a person’s clients apart (phone and browser)', () => {
    const limits = createSubscriptionLimits({ maxPerPrincipal: 1, maxPerProcess: 10 });
    limits.acquire(principal('a', 'app-mobile'));
    expect(codeOf(() => limits.acquire(principal('a', 'portail-web')))).toBe('ok');
    expect(codeOf(() => limits.acquire(principal('a', 'app-mobile')))).toBe('RATE_LIMITED');
  });
});
