import { describe, expect, it } from 'vitest';
import { seedMinesDossiers } from '../legacy/mines/index.js';
import { generateWorld } from '../legacy/world/index.js';
import { pickPushCitizens } from './push-citizens.js';
import { referenceOfLegacyNumber } from './push-changes.js';

const world = generateWorld({ seed: 20_261_123, scale: 0.05, now: '2026-11-01' });

describe('pickPushCitizens', () => {
  it.each([1, 20, 100])('%i distinct citizens, each with only their own dossiers, capped, every system represented', (count) => {
    const owners = new Map<string, string>();
    for (const r of world.electricityRequests) owners.set(referenceOfLegacyNumber('ceet', r.numero), r.niu);
    for (const p of world.permitApplications) owners.set(referenceOfLegacyNumber('urbanisme', p.numero), p.niu);
    for (const c of world.copyRequests) owners.set(referenceOfLegacyNumber('rnec', c.number), c.niu);
    for (const m of seedMinesDossiers(world)) owners.set(referenceOfLegacyNumber('mines', m.NumeroDossier), m.NuiDemandeur);
    const picked = pickPushCitizens(world, count, 3);
    expect(picked).toHaveLength(count);
    expect(new Set(picked.map((c) => c.niu)).size).toBe(count);
    for (const citizen of picked) {
      expect(citizen.dossiers.length).toBeGreaterThan(0);
      expect(citizen.dossiers.length).toBeLessThanOrEqual(3);
      for (const d of citizen.dossiers) expect(owners.get(d.reference), d.reference).toBe(citizen.niu);
      // A cap keeps one dossier of each system the citizen has before a second of any.
      const systems = new Set(citizen.dossiers.map((d) => d.system));
      expect(systems.size).toBe(Math.min(3, new Set([...owners].filter(([, niu]) => niu === citizen.niu).map(([ref]) => ref.split('-')[0])).size));
    }
    if (count >= 100) expect(new Set(picked.flatMap((c) => c.dossiers.map((d) => d.system)))).toEqual(new Set(['ceet', 'urbanisme', 'rnec', 'mines']));
  });
});
