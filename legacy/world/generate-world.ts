import { communeByCode, communes } from './communes.js';
import { DAY_MS, isoDate, officeHours } from './dates.js';
import { electricityDraft } from './electricity-draft.js';
import { copyFlow } from './flows.js';
import { heavyCitizens } from './heavy-citizens.js';
import { heavyWorldPart } from './heavy-world.js';
import { femaleFirstNames, lastNames, maleFirstNames } from './names.js';
import { numberByYear } from './number-by-year.js';
import { permitDraft } from './permit-draft.js';
import { Random } from './random.js';
import type { CivilAct, CopyRequest, ElectricityRequest, PermitApplication, Person, World } from './types.js';

export interface WorldOptions {
  readonly seed: number;
  /** 1 ≈ 20,000 citizens and 60,000 dossiers. */
  readonly scale: number;
  /** ISO date of the world's "today". */
  readonly now: string;
  /**
   * Dossier counts of extra citizens to add (`HEAVY_CITIZENS`), see `heavyCitizens`. Default none. They are added
   * after everything else and numbered after it: the rest of the world is identical with or without them.
   */
  readonly heavyCitizens?: readonly number[];
}

const CITIZENS_PER_SCALE = 20_000;
const communeWeights = communes.map((c) => [c.code, c.weight] as const);

/**
 * Builds the whole seeded world, deterministically from (seed, scale, now). Every simulator calls this with the
 * same options and keeps its own slice, so a NIU means the same person in every system.
 */
export function generateWorld(options: WorldOptions): World {
  const random = new Random(options.seed);
  const nowMs = Date.parse(`${options.now}T00:00:00Z`);
  const nowYear = new Date(nowMs).getUTCFullYear();
  const count = Math.max(10, Math.round(CITIZENS_PER_SCALE * options.scale));

  const acts: CivilAct[] = [];
  const actSequence = new Map<string, number>();
  const newActNumber = (kind: 'N' | 'M' | 'D', commune: string, year: number) => {
    const key = `${kind}-${commune}-${year}`;
    const next = (actSequence.get(key) ?? 0) + random.int(1, 40);
    actSequence.set(key, next);
    return `${key}-${String(next).padStart(6, '0')}`;
  };

  // Citizens and their birth acts.
  const persons: Person[] = [];
  const nius = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    let niu = '';
    do niu = `${random.int(1, 9)}${random.digits(11)}`;
    while (nius.has(niu));
    nius.add(niu);
    const sex = random.chance(0.5) ? 'M' : 'F';
    const age = random.weighted([
      [random.int(0, 17), 30],
      [random.int(18, 35), 35],
      [random.int(36, 60), 25],
      [random.int(61, 85), 10],
    ] as const);
    const birthMs = nowMs - age * 365.25 * DAY_MS - random.int(0, 364) * DAY_MS;
    const birthCommune = random.weighted(communeWeights);
    const birthDate = isoDate(birthMs);
    const birthActNumber = newActNumber('N', birthCommune, new Date(birthMs).getUTCFullYear());
    acts.push({ number: birthActNumber, kind: 'N', commune: birthCommune, date: birthDate, persons: [niu] });
    const names = sex === 'M' ? maleFirstNames : femaleFirstNames;
    const firstNames = random.chance(0.4) ? `${random.pick(names)} ${random.pick(names)}` : random.pick(names);
    const residenceCommune = random.chance(0.7) ? birthCommune : random.weighted(communeWeights);
    persons.push({
      niu,
      lastName: random.pick(lastNames),
      firstNames,
      sex,
      birthDate,
      birthCommune,
      birthActNumber,
      residenceCommune,
      residenceQuarter: random.pick(communeByCode(residenceCommune)?.quarters ?? ['Centre']),
      phone: `+228 ${random.pick(['90', '91', '92', '93', '70', '79', '98', '99'])} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`,
      marriageActNumber: null,
      spouseNiu: null,
      deathActNumber: null,
      deathDate: null,
    });
  }

  const ageOf = (p: Person) => (nowMs - Date.parse(`${p.birthDate}T00:00:00Z`)) / (365.25 * DAY_MS);
  const adults = persons.filter((p) => ageOf(p) >= 18);

  // Marriages between adults of opposite sex, some widowed since.
  const men = adults.filter((p) => p.sex === 'M' && ageOf(p) >= 24);
  const women = adults.filter((p) => p.sex === 'F' && ageOf(p) >= 20);
  const pairs = Math.floor(Math.min(men.length, women.length) * 0.55);
  for (let k = 0; k < pairs; k += 1) {
    const husband = men[k];
    const wife = women[(k * 7919) % women.length];
    if (!husband || !wife || wife.spouseNiu) continue;
    const youngest = Math.min(ageOf(husband) - 24, ageOf(wife) - 20);
    const marriedMs = nowMs - random.next() * Math.max(youngest, 0.1) * 365.25 * DAY_MS;
    const commune = random.chance(0.5) ? husband.residenceCommune : wife.residenceCommune;
    const number = newActNumber('M', commune, new Date(marriedMs).getUTCFullYear());
    acts.push({ number, kind: 'M', commune, date: isoDate(marriedMs), persons: [husband.niu, wife.niu] });
    husband.marriageActNumber = number;
    wife.marriageActNumber = number;
    husband.spouseNiu = wife.niu;
    wife.spouseNiu = husband.niu;
    // An elderly spouse may have died in the last years: the widow(er) will ask for the death act.
    const elder = ageOf(husband) > ageOf(wife) ? husband : wife;
    if (ageOf(elder) > 60 && random.chance(0.12)) {
      const deathMs = nowMs - random.int(30, 1_000) * DAY_MS;
      const deathNumber = newActNumber('D', elder.residenceCommune, new Date(deathMs).getUTCFullYear());
      acts.push({ number: deathNumber, kind: 'D', commune: elder.residenceCommune, date: isoDate(deathMs), persons: [elder.niu] });
      elder.deathActNumber = deathNumber;
      elder.deathDate = isoDate(deathMs);
    }
  }

  const living = adults.filter((p) => p.deathDate === null);
  const submittedMs = (maxDaysAgo: number) => officeHours(nowMs - random.int(1, maxDaysAgo) * DAY_MS, random.int(0, 599));

  // Building permits on the citizen's plot, then electricity for the same plot once the permit is delivered.
  const permitDrafts: Omit<PermitApplication, 'numero'>[] = [];
  const ceetDrafts: Omit<ElectricityRequest, 'numero'>[] = [];
  for (const person of living) {
    if (ageOf(person) < 25 || !random.chance(0.55)) continue;
    const plots = random.chance(0.25) ? 2 : 1;
    for (let p = 0; p < plots; p += 1) {
      const commune = random.chance(0.6) ? person.residenceCommune : random.weighted(communeWeights);
      const quarter = random.pick(communeByCode(commune)?.quarters ?? ['Centre']);
      const landTitle = `TF-${random.int(1975, nowYear - 1)}-${random.digits(6)}`;
      const draft = permitDraft(random, { niu: person.niu, commune, quarter, landTitle, startMs: submittedMs(1_000) }, nowMs);
      permitDrafts.push(draft);
      const { history } = draft;
      const delivered = history.find((s) => s.status === 'DELIVRE');
      if (delivered && random.chance(0.8)) {
        const afterMs = Date.parse(delivered.at) + random.int(20, 300) * DAY_MS;
        if (afterMs < nowMs) ceetDrafts.push(electricityDraft(random, person.niu, commune, quarter, landTitle, officeHours(afterMs, random.int(0, 599)), nowMs));
      }
    }
  }
  // Tenants and households asking CEET for a connection where they live.
  for (const person of living) {
    const n = random.weighted([
      [0, 22],
      [1, 45],
      [2, 23],
      [3, 10],
    ] as const);
    for (let k = 0; k < n; k += 1) ceetDrafts.push(electricityDraft(random, person.niu, person.residenceCommune, person.residenceQuarter, null, submittedMs(900), nowMs));
  }

  // Civil-registry copies: of one's birth act, marriage act, or a late spouse's death act.
  const copyDrafts: Omit<CopyRequest, 'number'>[] = [];
  const byNiu = new Map(persons.map((p) => [p.niu, p]));
  for (const person of persons.filter((p) => p.deathDate === null && ageOf(p) >= 16)) {
    const n = random.weighted([
      [0, 4],
      [1, 28],
      [2, 32],
      [3, 20],
      [4, 16],
    ] as const);
    for (let k = 0; k < n; k += 1) {
      const spouse = person.spouseNiu ? byNiu.get(person.spouseNiu) : undefined;
      const actNumber = spouse?.deathActNumber && random.chance(0.4) ? spouse.deathActNumber : person.marriageActNumber && random.chance(0.3) ? person.marriageActNumber : person.birthActNumber;
      const startMs = submittedMs(700);
      copyDrafts.push({
        niu: person.niu,
        actNumber,
        copies: random.weighted([
          [1, 60],
          [2, 25],
          [3, 10],
          [5, 5],
        ] as const),
        externalReference: null,
        history: copyFlow(random, startMs, nowMs),
        deliveryCommune: actNumber.split('-')[1] ?? person.birthCommune,
      });
    }
  }

  const copyYears = new Map<number, number>();
  const ceetYears = new Map<number, number>();
  const permitYears = new Map<number, number>();
  const copyRequests = numberByYear(copyDrafts, (year, seq) => `DC-${year}-${seq}`, copyYears).map(([draft, number]) => ({ ...draft, number }));
  const electricityRequests = numberByYear(ceetDrafts, (year, seq) => `${year}-${seq}`, ceetYears).map(([draft, numero]) => ({ ...draft, numero }));
  const permitApplications = numberByYear(permitDrafts, (year, seq) => `PC-${year}-${seq}`, permitYears).map(([draft, numero]) => ({ ...draft, numero }));

  const heavyCounts = options.heavyCitizens ?? [];
  if (heavyCounts.length > 0) {
    const heavy = heavyWorldPart({
      seed: options.seed,
      nowMs,
      citizens: heavyCitizens(options.seed, heavyCounts),
      // Continues the commune's register for that year, without drawing from the ordinary world's stream.
      birthActNumber: (commune, year) => {
        const key = `N-${commune}-${year}`;
        const next = (actSequence.get(key) ?? 0) + 1;
        actSequence.set(key, next);
        return `${key}-${String(next).padStart(6, '0')}`;
      },
    });
    persons.push(...heavy.persons);
    acts.push(...heavy.acts);
    copyRequests.push(...numberByYear(heavy.copyDrafts, (year, seq) => `DC-${year}-${seq}`, copyYears).map(([draft, number]) => ({ ...draft, number })));
    electricityRequests.push(...numberByYear(heavy.ceetDrafts, (year, seq) => `${year}-${seq}`, ceetYears).map(([draft, numero]) => ({ ...draft, numero })));
    permitApplications.push(...numberByYear(heavy.permitDrafts, (year, seq) => `PC-${year}-${seq}`, permitYears).map(([draft, numero]) => ({ ...draft, numero })));
  }

  return { seed: options.seed, scale: options.scale, now: options.now, persons, acts, copyRequests, electricityRequests, permitApplications };
}
