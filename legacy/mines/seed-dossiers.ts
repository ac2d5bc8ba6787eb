import { communeByCode, Random, type World } from '../world/index.js';
import { dateLegacy, parseDateLegacy, type DossierMines, type EtapeMines } from './legacy-dossier.js';
import { proceduresLegacy, substancesOf, type ProcedureLegacy } from './procedures.js';
import { libellesEtat, type CodeEtat } from './states.js';

const DAY_MS = 86_400_000;
/** Share of the world's living adults who have dealt with this ministry. */
const APPLICANT_SHARE = 0.04;
const missingDocumentChoices = [
  'Coordonnées UTM des sommets du périmètre',
  'Accord écrit du propriétaire foncier',
  'Certificat de conformité environnementale (ANGE)',
  'Quittance des frais d’instruction',
  'Attestation d’assurance responsabilité civile',
];
const companies = ['SARL', 'SA', 'Coopérative minière', 'Établissements', 'GIE'];
/** Mining sites sit in the interior (phosphates, gold, quarries), depots and installers near towns. */
const miningCommunes = ['KOZAH1', 'TCHAOUDJO1', 'OGOU1', 'KLOTO1', 'TONE1', 'ZIO2', 'AVE2', 'LACS1'];

/** One stage of the processing: days to reach it, chance of a rejection there, chance of a long wait before it. */
interface Stage {
  readonly etat: CodeEtat;
  readonly minDays: number;
  readonly maxDays: number;
  readonly rejectChance?: number;
  readonly stallChance?: number;
}

/** A salt from the system's name: its stream never draws from, nor shifts, the ordinary world's. */
function streamSeed(seed: number, system: string): number {
  let hash = seed >>> 0;
  for (const char of system) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

function officeHours(ms: number, random: Random): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  return day + (450 + random.int(0, 599)) * 60_000;
}

/** Walks a dossier through its stages from `startMs`, stopping at the world's today. */
function walk(random: Random, startMs: number, nowMs: number, missing: boolean, procedure: ProcedureLegacy): EtapeMines[] {
  const stages: Stage[] = [{ etat: 'RECV', minDays: 1, maxDays: 6 }];
  if (missing) stages.push({ etat: 'COMPL', minDays: 1, maxDays: 5 }, { etat: 'RECV', minDays: 3, maxDays: 30, stallChance: 0.3 });
  stages.push(
    { etat: 'INST', minDays: 3, maxDays: 20, rejectChance: 0.05 },
    ...(procedure.visite ? [{ etat: 'VISITE' as const, minDays: 5, maxDays: 20, rejectChance: 0.06 }] : []),
    // The applicant pays the fixed duties: sometimes late, sometimes never.
    { etat: 'PAIE', minDays: 3, maxDays: 15, rejectChance: 0.03 },
    { etat: 'SIGN', minDays: 1, maxDays: 20, stallChance: 0.15 },
    { etat: 'DELIV', minDays: 2, maxDays: 10 },
  );
  const steps: EtapeMines[] = [{ CodeEtat: 'ENR', Date: dateLegacy(startMs), Observation: 'Dépôt en ligne' }];
  let t = startMs;
  for (const stage of stages) {
    let days = random.int(stage.minDays, stage.maxDays);
    if (stage.stallChance && random.chance(stage.stallChance)) days += random.int(30, 150);
    const next = officeHours(t + days * DAY_MS, random);
    if (next > nowMs) break;
    t = Math.max(next, t + 60_000);
    if (stage.rejectChance && random.chance(stage.rejectChance)) {
      steps.push({ CodeEtat: 'REJ', Date: dateLegacy(t), Observation: 'Dossier non conforme' });
      break;
    }
    steps.push({ CodeEtat: stage.etat, Date: dateLegacy(t), Observation: stage.etat === 'COMPL' ? 'Pièces complémentaires demandées' : null });
  }
  return steps;
}

/**
 * The system's dossiers in the seeded world: a minority of living adults, one or two dossiers each, numbered in
 * deposit order within each year. Deterministic from the world's seed, and apart from its random stream.
 */
export function seedMinesDossiers(world: World): DossierMines[] {
  const random = new Random(streamSeed(world.seed, 'mines'));
  const nowMs = Date.parse(`${world.now}T00:00:00Z`);
  const adultBefore = nowMs - 18 * 365.25 * DAY_MS;
  const drafts: Omit<DossierMines, 'NumeroDossier'>[] = [];
  const weighted = proceduresLegacy.map((p) => [p, p.poids] as const);
  for (const person of world.persons) {
    if (person.deathDate !== null || Date.parse(`${person.birthDate}T00:00:00Z`) > adultBefore) continue;
    if (!random.chance(APPLICANT_SHARE)) continue;
    const count = random.weighted([
      [1, 80],
      [2, 20],
    ] as const);
    for (let k = 0; k < count; k += 1) {
      const procedure = random.weighted(weighted);
      // The ministry went online recently: a third of its dossiers were filed in the last three months.
      const startMs = officeHours(nowMs - (random.chance(0.35) ? random.int(1, 90) : random.int(1, 700)) * DAY_MS, random);
      const missing = random.chance(0.15);
      const history = walk(random, startMs, nowMs, missing, procedure);
      const last = history.at(-1) ?? history[0];
      const commune = procedure.site ? (procedure.minier === null && random.chance(0.7) ? person.residenceCommune : random.pick(miningCommunes)) : null;
      const minier = procedure.minier;
      // Surfaces with the precision SIGEM keeps: whole km² for permits, tenths of a hectare for small sites.
      const superficie = minier === null ? null : minier.unite === 'KM2' ? random.int(minier.min, minier.max) : Math.round((minier.min + random.next() * (minier.max - minier.min)) * 10) / 10;
      drafts.push({
        NuiDemandeur: person.niu,
        CodeProcedure: procedure.code,
        CodeEtat: last?.CodeEtat ?? 'ENR',
        LibelleEtat: libellesEtat[last?.CodeEtat ?? 'ENR'],
        DateDepot: history[0]?.Date ?? dateLegacy(startMs),
        DateMaj: last?.Date ?? dateLegacy(startMs),
        // Permits and depots are companies' business; small sites and installers mostly persons'.
        RaisonSociale: random.chance(procedure.code === 'PR' || procedure.code === 'ADP' ? 0.9 : 0.25) ? `${random.pick(companies)} ${person.lastName}` : null,
        Commune: commune,
        Localite: commune === null ? null : random.pick(communeByCode(commune)?.quarters ?? ['Centre']),
        FraisDossierFcfa: procedure.fraisFcfa,
        Substance: minier === null ? null : random.pick(substancesOf[procedure.code] ?? ['SABL']),
        Superficie: superficie,
        UniteSuperficie: minier?.unite ?? null,
        Historique: history,
        PiecesDemandees: missing ? [random.pick(missingDocumentChoices)] : [],
        RefExterne: null,
      });
    }
  }
  // Numbered in deposit order within each year, as the ministry's register does.
  const sorted = drafts.map((d) => ({ d, at: parseDateLegacy(d.DateDepot) })).sort((a, b) => a.at - b.at);
  const lastByYear = new Map<number, number>();
  return sorted.map(({ d, at }) => {
    const year = new Date(at).getUTCFullYear();
    const seq = (lastByYear.get(year) ?? 0) + 1;
    lastByYear.set(year, seq);
    return { NumeroDossier: `${year}/${String(seq).padStart(6, '0')}`, ...d };
  });
}

/**
 * The applicant (NIU) of each dossier this system starts with in the seeded world, one entry per dossier: how the
 * soak tells a citizen's seeded records from the ones it filed. Every `legacy/<system>/index.ts` exports it.
 */
export const seededApplicants = (world: World): readonly string[] => seedMinesDossiers(world).map((dossier) => dossier.NuiDemandeur);
