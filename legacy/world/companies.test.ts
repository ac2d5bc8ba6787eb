import { describe, expect, it } from 'vitest';
import { isWellFormedNif, isWellFormedRccm } from '../../schema/index.js';
import { companiesRepresentedBy, seededCompanies } from './companies.js';
import { generateWorld } from './generate-world.js';

const options = { seed: 7, scale: 0.05, now: '2026-11-01' } as const;

describe('the seeded companies', () => {
  it('are well formed, unique, and represented by living adults of the world, two mandates at most each', () => {
    const world = generateWorld(options);
    const companies = seededCompanies(world);
    expect(companies.length).toBeGreaterThanOrEqual(12);
    expect(new Set(companies.map((c) => c.nif)).size).toBe(companies.length);
    expect(new Set(companies.map((c) => c.rccm)).size).toBe(companies.length);
    const persons = new Map(world.persons.map((p) => [p.niu, p]));
    const mandates = new Map<string, number>();
    for (const company of companies) {
      expect(isWellFormedNif(company.nif), company.nif).toBe(true);
      expect(isWellFormedRccm(company.rccm), company.rccm).toBe(true);
      expect(company.representatives[0]?.mandate).toBe('MANAGER');
      for (const { niu } of company.representatives) {
        const person = persons.get(niu);
        expect(person?.deathDate).toBeNull();
        expect(person!.birthDate < '2001-11-01').toBe(true);
        mandates.set(niu, (mandates.get(niu) ?? 0) + 1);
      }
    }
    expect(Math.max(...mandates.values())).toBeLessThanOrEqual(2);
    const manager = companies[0]!.representatives[0]!.niu;
    expect(companiesRepresentedBy(world, manager)).toContain(companies[0]!.nif);
    expect(companiesRepresentedBy(world, world.persons.find((p) => !mandates.has(p.niu))!.niu)).toEqual([]);
  });

  it('are the same for the same seed, and leave the rest of the world unchanged', () => {
    const a = generateWorld(options);
    const before = JSON.stringify(a.persons);
    const companies = seededCompanies(a);
    expect(JSON.stringify(a.persons)).toBe(before);
    expect(seededCompanies(generateWorld(options))).toEqual(companies);
    expect(seededCompanies(generateWorld({ ...options, seed: 8 }))[0]!.nif).not.toBe(companies[0]!.nif);
  });
});
