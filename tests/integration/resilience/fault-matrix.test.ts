import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSettings } from '../../../legacy/shared/index.js';
import { legacySystems, type LegacySystem } from '../../../schema/index.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { citizenToken } from '../../support/tokens.js';
import { seededCompanies } from '../../../legacy/world/index.js';
import { citizensInAllSystems, citizensWithMinesDossiers, testWorld } from '../../support/world.js';

type System = LegacySystem;

/** Each fault kind, injected in the simulator (not mocked), and the codes a client may then see for that system. */
const faults: readonly [string, Partial<FaultSettings>, readonly string[]][] = [
  ['down', { down: true }, ['BACKEND_UNAVAILABLE', 'CIRCUIT_OPEN']],
  ['slower than the timeout', { timeoutRate: 1, hangMs: 4_000 }, ['BACKEND_TIMEOUT', 'CIRCUIT_OPEN']],
  ['server error (5xx, SOAP Fault)', { errorRate: 1 }, ['BACKEND_ERROR', 'CIRCUIT_OPEN']],
  ['503 + Retry-After', { overloadRate: 1, retryAfterSeconds: 1 }, ['BACKEND_UNAVAILABLE', 'CIRCUIT_OPEN']],
  ['malformed payload', { malformedRate: 1 }, ['BAD_BACKEND_RESPONSE', 'CIRCUIT_OPEN']],
  ['truncated body', { truncatedRate: 1 }, ['BAD_BACKEND_RESPONSE', 'BACKEND_UNAVAILABLE', 'CIRCUIT_OPEN']],
  ['connection reset', { resetRate: 1 }, ['BACKEND_UNAVAILABLE', 'CIRCUIT_OPEN']],
  // RNEC's error-in-200 envelope lacks the operation's payload, so some operations see an unreadable answer first.
  ['error inside a 200', { errorIn200Rate: 1 }, ['BACKEND_ERROR', 'BAD_BACKEND_RESPONSE', 'CIRCUIT_OPEN']],
];

/** Every system of the ministry registry (a citizen with no dossier there still sees it missing from the answer). */
const systems: readonly System[] = legacySystems;

interface Dashboard {
  citizen: {
    niu: string;
    lastName: string | null;
    civilActs: unknown[] | null;
    dossiers: { totalCount: number; incomplete: boolean; unavailableSystems: string[]; nodes: { reference: string; status: string }[] } | null;
  } | null;
  procedures: { code: string }[];
}

const query = `query($niu: ID!) {
  citizen(niu: $niu) { niu lastName civilActs { number } dossiers(first: 20) { totalCount incomplete unavailableSystems nodes { reference status } } }
  procedures { code }
}`;

/** A failing ministry system costs its own part of the answer, typed and named — never the rest. */
describe('partial answers under each fault of each legacy system', () => {
  afterEach(async () => {
    await Promise.all(systems.map((s) => legacyAdmin.reset(s)));
    // Let any circuit the fault opened close again (BREAKER_HALF_OPEN_AFTER_MS is short in the test stack).
    await new Promise((resolve) => setTimeout(resolve, 400));
  });

  // A citizen no one has read yet in each case: nothing remembered, so the failure itself shows (the last-known
  // fallback is tested on its own).
  // SIGEM's faults need citizens with dossiers there (energy-mines.test.ts reads the first one).
  // Nor a company's mandate holder: the companies' tests and the authorization matrix read those citizens' lists.
  const mandateHolders = new Set(seededCompanies(testWorld()).flatMap((c) => c.representatives.map((r) => r.niu)));
  const citizens = citizensInAllSystems()
    .slice(10)
    .filter((c) => !mandateHolders.has(c.niu));
  const minesCitizens = citizensWithMinesDossiers()
    .slice(1)
    .filter((c) => !mandateHolders.has(c.niu));
  if (minesCitizens.length < faults.length) throw new Error(`the test world has ${minesCitizens.length} fresh citizens with SIGEM dossiers, fewer than ${faults.length}`);
  let next = 0;
  let nextMines = 0;
  for (const system of systems) {
    for (const [kind, settings, codes] of faults) {
      it(`${system}: ${kind}`, async () => {
        const citizen = system === 'mines' ? minesCitizens[nextMines++]! : citizens[next++]!;
        await legacyAdmin.setFaults(system, settings);
        const started = Date.now();
        const response = await gql<Dashboard>(query, { niu: citizen.niu }, { token: await citizenToken(citizen.niu) });
        const elapsedMs = Date.now() - started;
        const data = response.data!;
        expect(data.procedures.length).toBeGreaterThan(0);
        expect(data.citizen?.niu).toBe(citizen.niu);
        const ours = (response.errors ?? []).filter((e) => e.extensions?.system === system);
        expect(ours.length, JSON.stringify(response.errors)).toBeGreaterThan(0);
        for (const error of ours) expect(codes).toContain(error.extensions?.code);
        expect(JSON.stringify(response.errors)).not.toMatch(/\n\s+at |127\.0\.0\.1|stack/);
        // The other systems' dossiers are all there.
        const dossiers = data.citizen!.dossiers!;
        const others = { rnec: citizen.rnec.length, ceet: citizen.ceet.length, urbanisme: citizen.urb.length, mines: citizen.mem.length };
        const expected = Object.entries(others)
          .filter(([s]) => s !== system)
          .reduce((sum, [, n]) => sum + n, 0);
        if (system === 'rnec') {
          expect(data.citizen!.lastName).toBeNull();
          expect(data.citizen!.civilActs).toBeNull();
        } else {
          expect(data.citizen!.lastName).not.toBeNull();
        }
        expect(dossiers).toMatchObject({ incomplete: true, unavailableSystems: [system], totalCount: expected });
        // A slow system does not hold the answer past its deadline (2.5 s in the test stack) by much.
        expect(elapsedMs).toBeLessThan(6_000);
      });
    }
  }
});
