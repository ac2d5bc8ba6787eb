import { describe, expect, it } from 'vitest';
import { createRandom } from './create-random.js';
import { killTargets } from './start-killer.js';
import { ministrySubgraphs } from './start-soak-stack.js';

describe('killTargets', () => {
  it('gives a third of the kills to the gateway and spreads the rest over the ministry subgraphs', () => {
    const targets = killTargets(6, createRandom(1));
    expect(targets.filter((t) => t === 'gateway')).toHaveLength(2);
    // Four ministry subgraphs, four kills left: each crashes once.
    expect(ministrySubgraphs).toContain('energy-mines');
    expect(new Set(targets.filter((t) => t !== 'gateway'))).toEqual(new Set(ministrySubgraphs));
  });

  it('is the same for the same seed', () => {
    expect(killTargets(5, createRandom(42))).toEqual(killTargets(5, createRandom(42)));
    expect(killTargets(0, createRandom(42))).toEqual([]);
  });
});
