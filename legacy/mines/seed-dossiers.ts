import { createHash } from 'node:crypto';
import type { MinesStageCode } from '../../schema/index.js';
import { communeByCode, Random, streamSeed, type World } from '../world/index.js';
import { dateLegacy, parseDateLegacy, type DossierMines, type EtapeMines } from './legacy-dossier.js';
import { proceduresLegacy, type ProcedureLegacy } from './procedures.js';
import { libellesEtat, type CodeEtat } from './states.js';

const DAY_MS = 86_400_000;
/** Share of the world's living adults who have dealt with this ministry. */
const APPLICANT_SHARE = 0.04;
const companies = ['SARL', 'SA', 'Coopérative minière', 'Établissements', 'GIE'];
/** Mining sites sit in the interior (phosphates, gold, quarries), depots and installers near towns. */
const miningCommunes = ['KOZAH1', 'TCHAOUDJO1', 'OGOU1', 'KLOTO1', 'TONE1', 'ZIO2', 'AVE2', 'LACS1'];

/** How long each stage takes to reach (days), its chance of a rejection there and of a long wait before it. */
interface StageTiming {
  readonly minDays: number;
  readonly maxDays: number;
  readonly rejectChance?: number;
  readonly stallChance?: number;
}

/** One stage of a dossier's walk. */
interface Stage extends StageTiming {
  readonly etat: CodeEtat;
}

/** Each stage a procedure may list, as long as it usually takes here; the order is the procedure's (its `etapes`). */
const stageTimings: Readonly<Record<MinesStageCode, StageTiming>> = {
  RECV: { minDays: 1, maxDays: 6 },
  INST: { minDays: 3, maxDays: 20, rejectChance: 0.05 },
  // A public inquiry is posted for weeks, and sometimes draws opposition.
  ENQ: { minDays: 15, maxDays: 30, rejectChance: 0.04 },
  VISITE: { minDays: 5, maxDays: 20, rejectChance: 0.06 },
  AVIS: { minDays: 10, maxDays: 45, rejectChance: 0.04, stallChance: 0.1 },
  // The applicant pays the fixed duties: sometimes late, sometimes never.
  PAIE: { minDays: 3, maxDays: 15, rejectChance: 0.03 },
  SIGN: { minDays: 1, maxDays: 20, stallChance: 0.15 },
  DELIV: { minDays: 2, maxDays: 10 },
  ENREG: { minDays: 1, maxDays: 10 },
};

function officeHours(ms: number, random: Random): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  return day + (450 + random.int(0, 599)) * 60_000;
}

/** Walks a dossier through its procedure's stages from `startMs`, stopping at the world's today. */
function walk(random: Random, startMs: number, nowMs: number, missing: boolean, procedure: ProcedureLegacy): EtapeMines[] {
  const [first, ...rest] = procedure.etapes.map((etat): Stage => ({ etat, ...stageTimings[etat] }));
  const stages: Stage[] = first ? [first] : [];
  // Documents found missing at admissibility: asked for, then admissibility again (sometimes after a long wait).
  if (missing) stages.push({ etat: 'COMPL', minDays: 1, maxDays: 5 }, { etat: 'RECV', minDays: 3, maxDays: 30, stallChance: 0.3 });
  stages.push(...rest);
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
        // Company-only procedures are filed for a company; the others (small sites, installers) mostly by persons.
        RaisonSociale: random.chance(procedure.entreprisesSeulement ? 1 : 0.25) ? `${random.pick(companies)} ${person.lastName}` : null,
        // Filed before SIGEM kept a register of operators: a name, no identifiers (the person's own dossier).
        NifSociete: null,
        RccmSociete: null,
        Commune: commune,
        Localite: commune === null ? null : random.pick(communeByCode(commune)?.quarters ?? ['Centre']),
        FraisDossierFcfa: procedure.fraisFcfa,
        Substance: minier === null ? null : random.pick(minier.substances),
        Superficie: superficie,
        UniteSuperficie: minier?.unite ?? null,
        Historique: history,
        PiecesDemandees: missing ? [random.pick(procedure.pieces)] : [],
        RefExterne: null,
        // The papers filed at the counter with the application. Derived, not drawn: the random stream (and so the
        // rest of the seeded world) does not move.
        PiecesRecues: procedure.natures.map((nature) => {
          const digest = createHash('sha256').update(`${person.niu}:${procedure.code}:${startMs}:${nature}`).digest();
          return {
            Nature: nature,
            NomFichier: `${nature.toLowerCase()}.pdf`,
            TypeMime: 'application/pdf',
            Taille: 40_000 + digest.readUInt16BE(0) * 8,
            Empreinte: digest.toString('hex'),
            RecueLe: history[0]?.Date ?? dateLegacy(startMs),
          };
        }),
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
