import { isoDate } from './dates.js';
import { lastNames } from './names.js';
import { Random } from './random.js';
import { streamSeed } from './stream-seed.js';
import type { Company, CompanyRepresentative, World } from './types.js';
import { luhnCheckDigit, rccmOffices, type RccmOffice } from '../../schema/index.js';

const DAY_MS = 86_400_000;
/** About one company per 200 citizens of the world: a hundred at the default scale, a handful in the test world. */
const CITIZENS_PER_COMPANY = 200;
const MIN_COMPANIES = 12;
const legalForms = [
  ['SARL', 45],
  ['SARLU', 15],
  ['SA', 15],
  ['SAS', 10],
  ['GIE', 5],
  ['SCOOPS', 10],
] as const;
const trades = ['Mines', 'Carrières', 'Granits', 'Énergie', 'Solaire', 'Pétrole', 'Hydrocarbures', 'Électricité', 'Forages', 'Matériaux'];
/** Lomé registers most companies; the interior's registry offices the mining and quarrying ones. */
const officeWeights: readonly (readonly [RccmOffice, number])[] = [
  ['LOM', 60],
  ['TSE', 5],
  ['ANE', 3],
  ['KPA', 8],
  ['ATA', 6],
  ['SOK', 8],
  ['KAR', 7],
  ['DAP', 3],
];

const cache = new WeakMap<World, readonly Company[]>();

/**
 * The companies of the seeded world, each with its NIF, its RCCM number and the natural persons holding its mandate
 * (its manager, and sometimes one or two declared representatives): what the identity provider and SIGEM know of
 * them. Deterministic from the world's seed on a stream of its own (`companies`): the rest of the world is unchanged.
 * A person represents at most two companies; representatives are living adults.
 */
export function seededCompanies(world: World): readonly Company[] {
  const known = cache.get(world);
  if (known) return known;
  const random = new Random(streamSeed(world.seed, 'companies'));
  const nowMs = Date.parse(`${world.now}T00:00:00Z`);
  const adults = world.persons.filter((p) => p.deathDate === null && Date.parse(`${p.birthDate}T00:00:00Z`) <= nowMs - 25 * 365.25 * DAY_MS);
  const count = Math.max(MIN_COMPANIES, Math.round(world.persons.length / CITIZENS_PER_COMPANY));
  const mandates = new Map<string, number>();
  const nifs = new Set<string>();
  const sequenceByOfficeYear = new Map<string, number>();
  const companies: Company[] = [];
  for (let i = 0; i < count && adults.length > 0; i += 1) {
    let nif = '';
    do {
      const body = `10${random.digits(7)}`;
      nif = `${body}${luhnCheckDigit(body)}`;
    } while (nifs.has(nif));
    nifs.add(nif);
    const office = random.weighted(officeWeights);
    const registeredMs = nowMs - random.int(60, 25 * 365) * DAY_MS;
    const year = new Date(registeredMs).getUTCFullYear();
    const key = `${office}-${year}`;
    const sequence = (sequenceByOfficeYear.get(key) ?? random.int(1, 900)) + random.int(1, 400);
    sequenceByOfficeYear.set(key, sequence);
    const representatives: CompanyRepresentative[] = [];
    const wanted = random.weighted([
      [1, 50],
      [2, 35],
      [3, 15],
    ] as const);
    for (let tries = 0; representatives.length < wanted && tries < 20; tries += 1) {
      const person = random.pick(adults);
      if ((mandates.get(person.niu) ?? 0) >= 2 || representatives.some((r) => r.niu === person.niu)) continue;
      mandates.set(person.niu, (mandates.get(person.niu) ?? 0) + 1);
      representatives.push({ niu: person.niu, mandate: representatives.length === 0 ? 'MANAGER' : 'REPRESENTATIVE' });
    }
    const legalForm = random.weighted(legalForms);
    companies.push({
      nif,
      rccm: `TG-${office}-${year}-B-${String(sequence % 100_000).padStart(5, '0')}`,
      name: `${random.pick(trades)} ${random.pick(lastNames)} ${legalForm}`,
      legalForm,
      registeredOn: isoDate(registeredMs),
      registryOffice: rccmOffices[office],
      representatives,
    });
  }
  cache.set(world, companies);
  return companies;
}

/** The NIFs of the companies `niu` holds a mandate for in the seeded world (empty for most citizens). */
export function companiesRepresentedBy(world: World, niu: string): readonly string[] {
  return seededCompanies(world)
    .filter((c) => c.representatives.some((r) => r.niu === niu))
    .map((c) => c.nif);
}
