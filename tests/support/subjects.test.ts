import { describe, expect, it } from 'vitest';
import { allSubjects, atVisitFor, filerPopulations, quietCitizens, quietOwnerSuites, requestsAtVisit } from './subjects.js';

describe('the suites’ subjects (tests/support/subjects)', () => {
  it('hands each owner to one suite only', () => {
    const suitesOf = new Map<string, Set<string>>();
    for (const { suite, niu } of allSubjects()) suitesOf.set(niu, (suitesOf.get(niu) ?? new Set()).add(suite));
    const shared = [...suitesOf].filter(([, suites]) => suites.size > 1).map(([niu, suites]) => `${niu}: ${[...suites].join(', ')}`);
    expect(shared).toEqual([]);
    expect(suitesOf.size).toBeGreaterThan(10);
  });

  it('keeps the citizens the freshness suites wait on away from every population the filing suites pick from', () => {
    const populations = filerPopulations();
    const atVisitOwners = new Set(requestsAtVisit().map((r) => r.niu));
    const quiet = quietCitizens();
    expect(quiet.length).toBeGreaterThan(20);
    const waitedOn = [...quiet.map((c) => c.niu), ...quietOwnerSuites.flatMap((suite) => atVisitFor(suite).map((r) => r.niu))];
    for (const niu of waitedOn) {
      for (const [name, population] of populations) expect(population.has(niu), `${niu} is among the ${name}`).toBe(false);
    }
    for (const citizen of quiet) {
      expect(citizen.ceet.length).toBeGreaterThan(0);
      expect(atVisitOwners.has(citizen.niu), `${citizen.niu} owns a request at status 20`).toBe(false);
    }
  });
});
