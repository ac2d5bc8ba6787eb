import { describe, expect, it } from 'vitest';
import { generateWorld } from './generate-world.js';

const options = { seed: 7, scale: 0.02, now: '2026-11-01' };

describe('generateWorld', () => {
  it('is deterministic for a seed', () => {
    const a = generateWorld(options);
    const b = generateWorld(options);
    expect(a.persons.map((p) => p.niu)).toEqual(b.persons.map((p) => p.niu));
    expect(a.electricityRequests).toEqual(b.electricityRequests);
  });

  it('gives every person a 12-digit NIU and a birth act', () => {
    const world = generateWorld(options);
    const acts = new Set(world.acts.map((a) => a.number));
    for (const person of world.persons) {
      expect(person.niu).toMatch(/^\d{12}$/);
      expect(acts.has(person.birthActNumber)).toBe(true);
    }
  });

  it('keeps lives coherent across systems', () => {
    const world = generateWorld(options);
    const nius = new Set(world.persons.map((p) => p.niu));
    for (const d of [...world.copyRequests, ...world.electricityRequests, ...world.permitApplications]) expect(nius.has(d.niu)).toBe(true);
    // Electricity for a plot comes after that plot's permit was delivered.
    for (const request of world.electricityRequests.filter((r) => r.landTitle)) {
      const permit = world.permitApplications.find((p) => p.landTitle === request.landTitle && p.niu === request.niu);
      const delivered = permit?.history.find((s) => s.status === 'DELIVRE');
      expect(delivered).toBeDefined();
      expect(request.history[0]!.at > delivered!.at).toBe(true);
    }
    // Nothing seeded happens after the world's today.
    for (const d of world.copyRequests) expect(d.history.at(-1)!.at < '2026-11-02').toBe(true);
  });

  it('numbers dossiers per year in submission order', () => {
    const world = generateWorld(options);
    const numbers = world.electricityRequests.map((r) => r.numero);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every((n) => /^\d{4}-\d{6}$/.test(n))).toBe(true);
    expect(world.permitApplications.every((p) => /^PC-\d{4}-\d{6}$/.test(p.numero))).toBe(true);
    expect(world.copyRequests.every((c) => /^DC-\d{4}-\d{6}$/.test(c.number))).toBe(true);
  });
});
