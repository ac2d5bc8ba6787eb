import { communeByCode, communes } from './communes.js';
import { DAY_MS, isoDate, officeHours } from './dates.js';
import { electricityDraft } from './electricity-draft.js';
import { copyFlow } from './flows.js';
import type { HeavyCitizen } from './heavy-citizens.js';
import { femaleFirstNames, lastNames, maleFirstNames } from './names.js';
import { permitDraft } from './permit-draft.js';
import { Random } from './random.js';
import type { CivilAct, CopyRequest, ElectricityRequest, PermitApplication, Person } from './types.js';

export interface HeavyWorldPart {
  readonly persons: Person[];
  readonly acts: CivilAct[];
  readonly copyDrafts: Omit<CopyRequest, 'number'>[];
  readonly ceetDrafts: Omit<ElectricityRequest, 'numero'>[];
  readonly permitDrafts: Omit<PermitApplication, 'numero'>[];
}

export interface HeavyWorldOptions {
  readonly seed: number;
  readonly nowMs: number;
  readonly citizens: readonly HeavyCitizen[];
  /** The next birth-act number of a commune and year, continuing the ordinary world's register. */
  readonly birthActNumber: (commune: string, year: number) => string;
}

const communeWeights = communes.map((c) => [c.code, c.weight] as const);
const CONTENT_SALT = 0x64_6f_73_73;

/**
 * The heavy citizens' lives, drawn from their own random streams (one per citizen) so the ordinary world is the
 * same with or without them. Each is an adult property developer of sorts: a birth act, one permit per plot, CEET
 * connections for the plots once their permit is delivered (then for other premises), and copies of the birth act.
 */
export function heavyWorldPart({ seed, nowMs, citizens, birthActNumber }: HeavyWorldOptions): HeavyWorldPart {
  const part: HeavyWorldPart = { persons: [], acts: [], copyDrafts: [], ceetDrafts: [], permitDrafts: [] };
  const nowYear = new Date(nowMs).getUTCFullYear();
  citizens.forEach((citizen, index) => {
    const random = new Random((Math.imul(seed ^ CONTENT_SALT, 31) + index * 0x9e37_79b9) >>> 0);
    const submittedMs = (maxDaysAgo: number) => officeHours(nowMs - random.int(1, maxDaysAgo) * DAY_MS, random.int(0, 599));
    const quarterOf = (commune: string) => random.pick(communeByCode(commune)?.quarters ?? ['Centre']);

    const sex = random.chance(0.5) ? 'M' : 'F';
    const birthMs = nowMs - random.int(40, 60) * 365.25 * DAY_MS - random.int(0, 364) * DAY_MS;
    const birthCommune = random.weighted(communeWeights);
    const birthDate = isoDate(birthMs);
    const birthAct = birthActNumber(birthCommune, new Date(birthMs).getUTCFullYear());
    part.acts.push({ number: birthAct, kind: 'N', commune: birthCommune, date: birthDate, persons: [citizen.niu] });
    const names = sex === 'M' ? maleFirstNames : femaleFirstNames;
    part.persons.push({
      niu: citizen.niu,
      lastName: random.pick(lastNames),
      firstNames: `${random.pick(names)} ${random.pick(names)}`,
      sex,
      birthDate,
      birthCommune,
      birthActNumber: birthAct,
      residenceCommune: birthCommune,
      residenceQuarter: quarterOf(birthCommune),
      phone: `+228 ${random.pick(['90', '91', '92', '93', '70', '79', '98', '99'])} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`,
      marriageActNumber: null,
      spouseNiu: null,
      deathActNumber: null,
      deathDate: null,
    });

    const plots: { commune: string; quarter: string; landTitle: string; deliveredAt: string | undefined }[] = [];
    for (let k = 0; k < citizen.permitApplications; k += 1) {
      const commune = random.chance(0.6) ? birthCommune : random.weighted(communeWeights);
      const quarter = quarterOf(commune);
      const landTitle = `TF-${random.int(1975, nowYear - 1)}-${random.digits(6)}`;
      const draft = permitDraft(random, { niu: citizen.niu, commune, quarter, landTitle, startMs: submittedMs(1_000) }, nowMs);
      part.permitDrafts.push(draft);
      plots.push({ commune, quarter, landTitle, deliveredAt: draft.history.find((s) => s.status === 'DELIVRE')?.at });
    }

    // Electricity follows a plot's delivered permit, as in the ordinary world; the rest is for other premises.
    let electricity = 0;
    for (const plot of plots) {
      if (electricity === citizen.electricityRequests || plot.deliveredAt === undefined) continue;
      const afterMs = Date.parse(plot.deliveredAt) + random.int(20, 300) * DAY_MS;
      if (afterMs >= nowMs) continue;
      part.ceetDrafts.push(electricityDraft(random, citizen.niu, plot.commune, plot.quarter, plot.landTitle, officeHours(afterMs, random.int(0, 599)), nowMs));
      electricity += 1;
    }
    for (; electricity < citizen.electricityRequests; electricity += 1) {
      const commune = random.weighted(communeWeights);
      part.ceetDrafts.push(electricityDraft(random, citizen.niu, commune, quarterOf(commune), null, submittedMs(900), nowMs));
    }

    for (let k = 0; k < citizen.copyRequests; k += 1) {
      const startMs = submittedMs(700);
      part.copyDrafts.push({
        niu: citizen.niu,
        actNumber: birthAct,
        copies: random.weighted([
          [1, 60],
          [2, 25],
          [3, 10],
          [5, 5],
        ] as const),
        externalReference: null,
        history: copyFlow(random, startMs, nowMs),
        deliveryCommune: birthCommune,
      });
    }
  });
  return part;
}
