import { describe, expect, it } from 'vitest';
import { createRandom } from './create-random.js';
import { killTargets } from './start-killer.js';
import { ministrySubgraphs } from './start-soak-stack.js';

const embedded = { gateways: ['gateway'], subgraphs: ministrySubgraphs, servers: [] };
const replicas = (names: readonly string[]) => names.flatMap((name) => [`${name}-1`, `${name}-2`]);
const scaled = { gateways: replicas(['gateway']), subgraphs: replicas(ministrySubgraphs), servers: ['redis', 'postgres'] };

describe('killTargets', () => {
  it('gives a third of the kills to the gateway and spreads the rest over the ministry subgraphs', () => {
    const targets = killTargets(6, createRandom(1), embedded);
    expect(targets.filter((t) => t === 'gateway')).toHaveLength(2);
    // Four ministry subgraphs, four kills left: each crashes once.
    expect(ministrySubgraphs).toContain('energy-mines');
    expect(new Set(targets.filter((t) => t !== 'gateway'))).toEqual(new Set(ministrySubgraphs));
  });

  it('scaled: every kind is struck — gateway replicas, Redis, PostgreSQL and subgraph replicas — for any seed', () => {
    for (let seed = 0; seed < 50; seed += 1) {
      for (const kills of [4, 6, 9]) {
        const targets = killTargets(kills, createRandom(seed), scaled);
        expect(targets).toHaveLength(kills);
        expect(targets.filter((t) => t.startsWith('gateway-'))).toHaveLength(Math.round(kills / 3));
        expect(targets.filter((t) => t === 'redis')).toHaveLength(1);
        expect(targets.filter((t) => t === 'postgres')).toHaveLength(1);
        expect(targets.filter((t) => scaled.subgraphs.includes(t)).length).toBeGreaterThan(0);
      }
    }
  });

  it('is the same for the same seed', () => {
    expect(killTargets(5, createRandom(42), scaled)).toEqual(killTargets(5, createRandom(42), scaled));
    expect(killTargets(0, createRandom(42), embedded)).toEqual([]);
  });
});
