import { describe, expect, it } from 'vitest';
import { fetchBudget } from './index.js';

const base = { totalMs: 8_000, subgraphTimeoutMs: 15_000, marginMs: 250 };

describe('fetchBudget: one fetch’s share of what is left of its request', () => {
  it.each([
    // The last stage (or a one-stage plan) may take all that is left, less the margin it tells the subgraph.
    { remainingMs: 8_000, stagesAfter: 0, timeoutMs: 8_000, subgraphDeadlineMs: 7_750 },
    // Earlier stages leave each later one an eighth of the deadline (1 s of 8)…
    { remainingMs: 8_000, stagesAfter: 3, timeoutMs: 5_000, subgraphDeadlineMs: 4_750 },
    { remainingMs: 6_000, stagesAfter: 1, timeoutMs: 5_000, subgraphDeadlineMs: 4_750 },
    // …but never take less than an equal share of what is left.
    { remainingMs: 3_000, stagesAfter: 2, timeoutMs: 1_000, subgraphDeadlineMs: 750 },
    { remainingMs: 900, stagesAfter: 2, timeoutMs: 300, subgraphDeadlineMs: 225 },
    // A short budget keeps three quarters of itself for the subgraph.
    { remainingMs: 400, stagesAfter: 0, timeoutMs: 400, subgraphDeadlineMs: 300 },
    { remainingMs: 3, stagesAfter: 0, timeoutMs: 3, subgraphDeadlineMs: 3 },
    { remainingMs: 1.5, stagesAfter: 5, timeoutMs: 1, subgraphDeadlineMs: 1 },
  ])('$remainingMs ms left, $stagesAfter stages after → wait $timeoutMs, tell the subgraph $subgraphDeadlineMs', ({ remainingMs, stagesAfter, timeoutMs, subgraphDeadlineMs }) => {
    expect(fetchBudget({ ...base, remainingMs, stagesAfter })).toEqual({ timeoutMs, subgraphDeadlineMs });
  });

  it('never more than SUBGRAPH_TIMEOUT_MS', () => {
    expect(fetchBudget({ ...base, totalMs: 60_000, remainingMs: 60_000, stagesAfter: 0, subgraphTimeoutMs: 15_000 })).toEqual({ timeoutMs: 15_000, subgraphDeadlineMs: 14_750 });
  });

  it.each([0, 0.5, -10])('no time left (%s ms): nothing to send', (remainingMs) => {
    expect(fetchBudget({ ...base, remainingMs, stagesAfter: 0 })).toBeUndefined();
  });

  // Whatever the plan, the sum of the stages' budgets if each used all of its own stays within the deadline.
  it.each([1, 2, 3, 4, 6, 10])('a plan of %i stages that all run out never goes past the deadline', (stages) => {
    let remainingMs = base.totalMs;
    for (let stage = stages - 1; stage >= 0; stage--) {
      const budget = fetchBudget({ ...base, remainingMs, stagesAfter: stage });
      if (budget === undefined) break;
      expect(budget.timeoutMs).toBeGreaterThan(0);
      expect(budget.subgraphDeadlineMs).toBeLessThanOrEqual(budget.timeoutMs);
      remainingMs -= budget.timeoutMs;
      expect(remainingMs).toBeGreaterThanOrEqual(0);
    }
  });
});
