import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../legacy/world/index.js';
import { createRandom } from './create-random.js';
import { countSeededRecords, findStrayRecords } from './find-stray-records.js';
import { planSubmissions, soakCitizens } from './plan-submissions.js';

const world = generateWorld({ seed: 20_261_123, scale: 0.01, now: '2026-11-01' });
const [submission] = planSubmissions(soakCitizens(world, createRandom(1), 1), createRandom(2), 1, 1);
const key = `ceet:${submission!.applicantNiu}`;
const seeded = world.electricityRequests.filter((r) => r.niu === submission!.applicantNiu).length;
const seededRecords = await countSeededRecords(world);

describe('findStrayRecords', () => {
  it('counts the seeded records of every system the soak files with, from each simulator’s seed', () => {
    expect(seededRecords.get(key)).toBe(seeded);
    const systems = new Set([...seededRecords.keys()].map((k) => k.split(':')[0]));
    expect([...systems].sort()).toEqual(['ceet', 'mines', 'rnec', 'urbanisme']);
  });

  it('accounts for the seeded records and the soak’s own filings', () => {
    const legacy = { byExternalReference: new Map([[submission!.externalReference, ['CEET-2026-000001']]]), totals: new Map([[key, seeded + 1]]) };
    expect(findStrayRecords(seededRecords, [submission!], legacy)).toEqual([]);
  });

  it('finds a record too many (a copy filed without its external reference) or too few', () => {
    const more = { byExternalReference: new Map([[submission!.externalReference, ['CEET-2026-000001']]]), totals: new Map([[key, seeded + 2]]) };
    expect(findStrayRecords(seededRecords, [submission!], more)).toEqual([{ system: 'ceet', applicantNiu: submission!.applicantNiu, count: 1 }]);
    const fewer = { byExternalReference: new Map<string, string[]>(), totals: new Map([[key, seeded - 1]]) };
    expect(findStrayRecords(seededRecords, [submission!], fewer)[0]?.count).toBe(-1);
  });
});
