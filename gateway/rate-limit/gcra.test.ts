import { describe, expect, it } from 'vitest';
import { gcra, type RateRule } from './gcra.js';

/** Runs `count` requests at `nowMs` from `tat`, returning the decisions and the final state. */
function burst(count: number, nowMs: number, rule: RateRule, tat?: number) {
  const decisions = [];
  let state = tat;
  for (let i = 0; i < count; i++) {
    const { tatMs, ...decision } = gcra(state, nowMs, rule);
    state = tatMs;
    decisions.push(decision);
  }
  return { decisions, tat: state };
}

describe('gcra', () => {
  const rule = { limit: 3, windowMs: 60_000 };

  it('allows a burst of `limit`, then says exactly when the next one may come', () => {
    const { decisions } = burst(4, 1_000, rule);
    expect(decisions).toEqual([
      { allowed: true, retryAfterMs: 0, remaining: 2, resetMs: 20_000 },
      { allowed: true, retryAfterMs: 0, remaining: 1, resetMs: 40_000 },
      { allowed: true, retryAfterMs: 0, remaining: 0, resetMs: 60_000 },
      { allowed: false, retryAfterMs: 20_000, remaining: 0, resetMs: 60_000 },
    ]);
  });

  it('refills one request per limit-th of the window, and does not count refusals', () => {
    const { tat } = burst(5, 0, rule);
    expect(gcra(tat, 19_999, rule)).toMatchObject({ allowed: false, retryAfterMs: 1 });
    expect(gcra(tat, 20_000, rule)).toMatchObject({ allowed: true, remaining: 0 });
    expect(gcra(tat, 60_000, rule)).toMatchObject({ allowed: true, remaining: 2, resetMs: 20_000 });
    // Half-way through an interval: the bucket is full again 50 s later (one interval per missing request, rounded up).
    expect(gcra(tat, 30_000, rule)).toMatchObject({ allowed: true, remaining: 0, resetMs: 50_000 });
  });

  it('is not off by one when the window does not divide evenly', () => {
    const { decisions } = burst(8, 0, { limit: 7, windowMs: 60_000 });
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    expect(decisions[6]).toMatchObject({ allowed: true, remaining: 0 });
  });
});
