import { describe, expect, it } from 'vitest';
import { gcra, type RateDecision, type RateRule } from '../gcra.js';
import type { RateLimitStore } from '../rate-limit-store.js';

/** A fresh store per test (a Redis one on its own key prefix: tests do not share buckets). */
export type RateLimitStoreFactory = () => RateLimitStore | Promise<RateLimitStore>;

/** A small deterministic generator (mulberry32): the same sequence of hits on every run and every store. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Intervals (windowMs / limit) of a minute or more: a Redis key lives that long in real time at least, so it cannot
// expire under a test that runs slowly while the test's own clock stands still.
const rules: readonly RateRule[] = [
  { limit: 3, windowMs: 600_000 },
  { limit: 7, windowMs: 600_000 },
  { limit: 10, windowMs: 600_000 },
  // 19 intervals of 600000 / 19 add up to a hair more than 600000: the float slack of gcra.ts must be there too.
  { limit: 19, windowMs: 600_000 },
];

/**
 * The behaviour every RateLimitStore must have: the decisions of gcra.ts, one bucket per key, refused requests not
 * counted. The memory and the Redis stores both run it.
 */
export function describeRateLimitStoreContract(name: string, factory: RateLimitStoreFactory): void {
  describe(`${name}: RateLimitStore contract`, () => {
    it('allows a burst of the limit per key, then says when the next may come', async () => {
      const store = await factory();
      const rule = { limit: 2, windowMs: 60_000 };
      const t0 = 1_750_000_000_000;
      // resetMs: until the bucket is full again, each allowed request adding one interval (30 s) to it.
      expect(await store.hit('user:a', rule, t0)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 1, resetMs: 30_000 });
      expect(await store.hit('user:a', rule, t0)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 0, resetMs: 60_000 });
      expect(await store.hit('user:a', rule, t0)).toEqual({ allowed: false, retryAfterMs: 30_000, remaining: 0, resetMs: 60_000 });
      expect(await store.hit('user:b', rule, t0)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 1, resetMs: 30_000 });
      // A refusal did not count: the next request is allowed exactly 30 s after the burst.
      expect(await store.hit('user:a', rule, t0 + 29_999)).toEqual({ allowed: false, retryAfterMs: 1, remaining: 0, resetMs: 30_001 });
      expect(await store.hit('user:a', rule, t0 + 30_000)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 0, resetMs: 60_000 });
    });

    it('makes the same decisions as gcra.ts over a long random sequence of hits, keys, rules and times', async () => {
      const store = await factory();
      const next = random(13);
      const tats = new Map<string, number>();
      let nowMs = 1_750_000_000_000;
      const expected: RateDecision[] = [];
      const actual: RateDecision[] = [];
      for (let i = 0; i < 300; i++) {
        // Mostly bursts at the same instant, sometimes a step of up to two intervals of the slowest rule.
        if (next() < 0.3) nowMs += Math.floor(next() * 400_000) + next();
        const ruleIndex = Math.floor(next() * rules.length);
        const rule = rules[ruleIndex]!;
        const key = `k${ruleIndex}:${Math.floor(next() * 3)}`;
        const { tatMs, ...decision } = gcra(tats.get(key), nowMs, rule);
        if (decision.allowed) tats.set(key, tatMs);
        expected.push(decision);
        actual.push(await store.hit(key, rule, nowMs));
      }
      expect(actual).toEqual(expected);
      // The sequence exercises both answers.
      expect(new Set(expected.map((d) => d.allowed))).toEqual(new Set([true, false]));
    });

    it('is not off by one when the window does not divide evenly', async () => {
      const store = await factory();
      const decisions = [];
      // 60000 / 11: the intervals add up to a hair more than the window, and the first remaining to 9.999….
      for (let i = 0; i < 12; i++) decisions.push(await store.hit('odd', { limit: 11, windowMs: 60_000 }, 0));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(11);
      expect(decisions[0]).toEqual({ allowed: true, retryAfterMs: 0, remaining: 10, resetMs: 5_455 });
      expect(decisions[10]).toEqual({ allowed: true, retryAfterMs: 0, remaining: 0, resetMs: 60_000 });
    });
  });
}
