import { type ElectricityRequest, seededCompanies } from '../../legacy/world/index.js';
import { type CitizenDossiers, citizensInAllSystems, citizensWithMinesDossiers, dossiersByCitizen, testWorld } from './world.js';

/**
 * Whom a suite may count on nobody else changing in the shared stack's legacy systems. The change feeds name a
 * changed citizen for a whole overlap (60 s) and push an event to them: a suite waiting on the feeds' proof for a
 * citizen, or counting a citizen's events, fails when another suite files for or moves that citizen meanwhile (CI saw
 * a freshness suite wait on the owner of a request the webhooks suite moves). One table hands these subjects out.
 *
 * The suites that only file for someone pick them elsewhere, by a convention this table relies on: the citizens in
 * every system (`citizensInAllSystems`), the SIGEM applicants, the companies' representatives, or an adult by position
 * among the first {@link FILER_POSITIONS} or the last {@link FILER_POSITIONS_FROM_END} of a list of living adults.
 * Quiet citizens lie outside all of these (subjects.test.ts checks it).
 */
export const FILER_POSITIONS = 200;
export const FILER_POSITIONS_FROM_END = 30;

/** CEET requests at « visite programmée » (20): a suite moves one to « devis émis » (30) to make a status change. */
export function requestsAtVisit(): ElectricityRequest[] {
  return testWorld().electricityRequests.filter((r) => r.history.at(-1)?.status === 20);
}

/**
 * Which of {@link requestsAtVisit} each suite moves, by position: each owner once. The suites that wait on the feeds'
 * proof for the owner ({@link quietOwnerSuites}) have owners no filing suite picks.
 */
const atVisitPositions = {
  dossierEventsStream: [0],
  dossierEventsPush: [1, 2],
  webhooksDelivery: [3, 4, 5, 6, 7, 9, 10, 11, 12],
  privateResponses: [8],
  provenStatusPolls: [14],
  provenGatewayReads: [17],
  supervisionRoom: [19],
} as const satisfies Record<string, readonly number[]>;

/** The suites that wait on the change feeds' proof for the owner of the request they take. */
export const quietOwnerSuites = ['privateResponses', 'provenStatusPolls', 'provenGatewayReads'] as const satisfies readonly (keyof typeof atVisitPositions)[];

export type AtVisitSuite = keyof typeof atVisitPositions;

/** The CEET requests at « visite programmée » a suite may move, and only it. */
export function atVisitFor(suite: AtVisitSuite): ElectricityRequest[] {
  const all = requestsAtVisit();
  return atVisitPositions[suite].map((position) => {
    const request = all[position];
    if (!request) throw new Error(`the test world has no CEET request at status 20 in position ${position} (for ${suite})`);
    return request;
  });
}

/** The populations the filing suites pick from, by name (the convention above). */
export function filerPopulations(): Map<string, Set<string>> {
  const world = testWorld();
  const populations = new Map<string, Set<string>>([
    ['citizens in every system', new Set(citizensInAllSystems().map((c) => c.niu))],
    ['SIGEM applicants', new Set(citizensWithMinesDossiers().map((c) => c.niu))],
    ['company representatives', new Set(seededCompanies(world).flatMap((c) => c.representatives.map((r) => r.niu)))],
  ]);
  for (const year of ['1980', '1985', '1990', '1995', '2000']) {
    const adults = world.persons.filter((p) => p.birthDate < `${year}-01-01` && p.deathDate === null);
    populations.set(`first ${FILER_POSITIONS} adults born before ${year}`, new Set(adults.slice(0, FILER_POSITIONS).map((p) => p.niu)));
    populations.set(`last ${FILER_POSITIONS_FROM_END} adults born before ${year}`, new Set(adults.slice(-FILER_POSITIONS_FROM_END).map((p) => p.niu)));
  }
  return populations;
}

/** Whether no filing suite picks `niu` (whatever the table hands out). */
export function pickedByNoFiler(niu: string, populations = filerPopulations()): boolean {
  return [...populations.values()].every((population) => !population.has(niu));
}

/** Citizens with a CEET dossier whom no suite files for nor moves (no request of theirs is at status 20). */
export function quietCitizens(): CitizenDossiers[] {
  const populations = filerPopulations();
  const atVisitOwners = new Set(requestsAtVisit().map((r) => r.niu));
  return [...dossiersByCitizen().values()].filter((c) => c.ceet.length > 0 && !atVisitOwners.has(c.niu) && pickedByNoFiler(c.niu, populations));
}

/** The quiet citizens each suite takes, by position in {@link quietCitizens}: each once. */
const quietPositions = {
  privateResponses: [0, 1, 2],
  provenGatewayReads: [3],
} as const satisfies Record<string, readonly number[]>;

export type QuietSuite = keyof typeof quietPositions;

/** Quiet citizens of a suite's own. */
export function quietCitizensFor(suite: QuietSuite): CitizenDossiers[] {
  const all = quietCitizens();
  return quietPositions[suite].map((position) => {
    const citizen = all[position];
    if (!citizen) throw new Error(`the test world has no quiet citizen in position ${position} (for ${suite})`);
    return citizen;
  });
}

/** Every suite's subjects from this table, by owner: what subjects.test.ts checks for overlaps. */
export function allSubjects(): { suite: string; niu: string }[] {
  const atVisit = (Object.keys(atVisitPositions) as AtVisitSuite[]).flatMap((suite) => atVisitFor(suite).map((r) => ({ suite, niu: r.niu })));
  const quiet = (Object.keys(quietPositions) as QuietSuite[]).flatMap((suite) => quietCitizensFor(suite).map((c) => ({ suite, niu: c.niu })));
  return [...atVisit, ...quiet];
}
