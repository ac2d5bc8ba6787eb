import { describe, expect, it } from 'vitest';
import { generateWorld } from './generate-world.js';
import { heavyCitizensEnvSchema } from './heavy-citizens-env.js';
import { heavyCitizens, parseHeavyCitizens } from './heavy-citizens.js';

const options = { seed: 20_261_123, scale: 0.02, now: '2026-11-01' };
const counts = [10, 100, 1_000];

describe('heavyCitizens', () => {
  it('gives each requested count one citizen, split across the three systems', () => {
    const citizens = heavyCitizens(options.seed, counts);
    expect(citizens.map((c) => c.dossierCount)).toEqual(counts);
    for (const c of citizens) {
      expect(c.niu).toMatch(/^0\d{11}$/);
      expect(c.copyRequests + c.electricityRequests + c.permitApplications).toBe(c.dossierCount);
      expect(Math.min(c.copyRequests, c.electricityRequests, c.permitApplications)).toBeGreaterThanOrEqual(1);
    }
    expect(heavyCitizens(options.seed, [3])[0]).toMatchObject({ copyRequests: 1, electricityRequests: 1, permitApplications: 1 });
  });

  it('is pure: a NIU depends on the seed and the position only', () => {
    expect(heavyCitizens(options.seed, counts)).toEqual(heavyCitizens(options.seed, counts));
    expect(heavyCitizens(options.seed, [10, 100]).map((c) => c.niu)).toEqual(
      heavyCitizens(options.seed, counts)
        .slice(0, 2)
        .map((c) => c.niu),
    );
    expect(new Set(heavyCitizens(options.seed, [5, 5, 5, 5]).map((c) => c.niu)).size).toBe(4);
    expect(heavyCitizens(1, [10])[0]!.niu).not.toBe(heavyCitizens(2, [10])[0]!.niu);
  });

  it('refuses counts the systems could not serve', () => {
    expect(() => heavyCitizens(1, [2])).toThrow(RangeError);
    expect(() => heavyCitizens(1, [5_001])).toThrow(/from 3 to 5000/);
    expect(() => heavyCitizens(1, [10.5])).toThrow(RangeError);
    expect(() =>
      heavyCitizens(
        1,
        Array.from({ length: 21 }, () => 10),
      ),
    ).toThrow(/at most 20/);
  });
});

describe('HEAVY_CITIZENS', () => {
  it('parses comma-separated counts; empty means none', () => {
    expect(parseHeavyCitizens('10, 100,1000')).toEqual([10, 100, 1_000]);
    expect(parseHeavyCitizens('  ')).toEqual([]);
    expect(heavyCitizensEnvSchema.parse({}).HEAVY_CITIZENS).toEqual([]);
    expect(heavyCitizensEnvSchema.parse({ HEAVY_CITIZENS: '10,100' }).HEAVY_CITIZENS).toEqual([10, 100]);
  });

  it('says what is wrong', () => {
    expect(() => parseHeavyCitizens('10,abc')).toThrow(/comma-separated/);
    const result = heavyCitizensEnvSchema.safeParse({ HEAVY_CITIZENS: '10,1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/from 3 to 5000 \(got 1\)/);
  });
});

describe('generateWorld with heavy citizens', () => {
  const plain = generateWorld(options);
  const heavy = generateWorld({ ...options, heavyCitizens: counts });
  const citizens = heavyCitizens(options.seed, counts);

  it('leaves the ordinary world as it was: same citizens, acts and dossiers, same numbers', () => {
    expect(generateWorld({ ...options, heavyCitizens: [] })).toEqual(plain);
    expect(heavy.persons.slice(0, plain.persons.length)).toEqual(plain.persons);
    expect(heavy.acts.slice(0, plain.acts.length)).toEqual(plain.acts);
    expect(heavy.copyRequests.slice(0, plain.copyRequests.length)).toEqual(plain.copyRequests);
    expect(heavy.electricityRequests.slice(0, plain.electricityRequests.length)).toEqual(plain.electricityRequests);
    expect(heavy.permitApplications.slice(0, plain.permitApplications.length)).toEqual(plain.permitApplications);
    expect(heavy.persons.length).toBe(plain.persons.length + counts.length);
  });

  it('gives each heavy citizen exactly their dossier count across the three systems, and a birth act', () => {
    const acts = new Map(heavy.acts.map((a) => [a.number, a]));
    for (const citizen of citizens) {
      const person = heavy.persons.find((p) => p.niu === citizen.niu);
      expect(person).toBeDefined();
      expect(acts.get(person!.birthActNumber)?.persons).toEqual([citizen.niu]);
      const copies = heavy.copyRequests.filter((d) => d.niu === citizen.niu);
      const ceet = heavy.electricityRequests.filter((d) => d.niu === citizen.niu);
      const permits = heavy.permitApplications.filter((d) => d.niu === citizen.niu);
      expect([copies.length, ceet.length, permits.length]).toEqual([citizen.copyRequests, citizen.electricityRequests, citizen.permitApplications]);
      expect(copies.length + ceet.length + permits.length).toBe(citizen.dossierCount);
      // Copies of their own birth act, delivered by the commune that holds it.
      expect(copies.every((c) => c.actNumber === person!.birthActNumber && c.deliveryCommune === person!.birthCommune)).toBe(true);
    }
  });

  it('keeps numbers unique, act numbers unique, and lives coherent', () => {
    for (const numbers of [heavy.copyRequests.map((d) => d.number), heavy.electricityRequests.map((d) => d.numero), heavy.permitApplications.map((d) => d.numero), heavy.acts.map((a) => a.number)]) {
      expect(new Set(numbers).size).toBe(numbers.length);
    }
    expect(heavy.acts.every((a) => /^[NMD]-[A-Z0-9]+-\d{4}-\d{6}$/.test(a.number))).toBe(true);
    const nius = new Set(citizens.map((c) => c.niu));
    const permits = heavy.permitApplications.filter((p) => nius.has(p.niu));
    for (const request of heavy.electricityRequests.filter((r) => nius.has(r.niu) && r.landTitle)) {
      const delivered = permits.find((p) => p.landTitle === request.landTitle && p.niu === request.niu)?.history.find((s) => s.status === 'DELIVRE');
      expect(delivered).toBeDefined();
      expect(request.history[0]!.at > delivered!.at).toBe(true);
    }
    for (const d of [...heavy.copyRequests, ...heavy.electricityRequests, ...heavy.permitApplications]) expect(d.history.at(-1)!.at < '2026-11-02').toBe(true);
  });
});
