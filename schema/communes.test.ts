import { describe, expect, it } from 'vitest';
import { communes } from '../legacy/world/communes.js';
import { communeNames } from './communes.js';

describe('commune names', () => {
  it('names every commune the simulated world seeds, as the world names it', () => {
    for (const commune of communes) expect(communeNames[commune.code], commune.code).toBe(commune.name);
    expect(Object.keys(communeNames).sort()).toEqual(communes.map((c) => c.code).sort());
  });
});
