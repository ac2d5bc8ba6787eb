import { DAY_MS, isoInstant, officeHours } from './dates.js';
import type { Random } from './random.js';
import type { CeetStatusCode, CopyRequestStatus, PermitStage, Step } from './types.js';

/** One stage of a ministry's processing: how long it takes to reach it, and how often the dossier stops there. */
interface Stage<S> {
  readonly status: S;
  readonly minDays: number;
  readonly maxDays: number;
  /** Chance the dossier is rejected instead of reaching this stage. */
  readonly rejectChance?: number;
  /** Chance the dossier waits here far longer (the citizen has not acted). */
  readonly stallChance?: number;
  readonly comment?: string;
}

/**
 * Walks a dossier through its stages from `startMs`, stopping at the world's `nowMs`: whatever would happen
 * after today has not happened yet.
 */
function walk<S>(random: Random, startMs: number, nowMs: number, first: S, stages: readonly Stage<S>[], rejected: S): Step<S>[] {
  const steps: Step<S>[] = [{ status: first, at: isoInstant(startMs) }];
  let t = startMs;
  for (const stage of stages) {
    let days = random.int(stage.minDays, stage.maxDays);
    if (stage.stallChance && random.chance(stage.stallChance)) days += random.int(30, 200);
    const next = officeHours(t + days * DAY_MS, random.int(0, 599));
    if (next > nowMs) break;
    t = Math.max(next, t + 60_000);
    if (stage.rejectChance && random.chance(stage.rejectChance)) {
      steps.push({ status: rejected, at: isoInstant(t), comment: 'Dossier non conforme' });
      break;
    }
    steps.push({ status: stage.status, at: isoInstant(t), ...(stage.comment ? { comment: stage.comment } : {}) });
  }
  return steps;
}

export function ceetFlow(random: Random, startMs: number, nowMs: number): Step<CeetStatusCode>[] {
  return walk<CeetStatusCode>(
    random,
    startMs,
    nowMs,
    10,
    [
      { status: 20, minDays: 2, maxDays: 7, rejectChance: 0.03 },
      { status: 30, minDays: 5, maxDays: 15, rejectChance: 0.03 },
      // The citizen pays the quote: sometimes late, sometimes never.
      { status: 40, minDays: 1, maxDays: 30, stallChance: 0.15 },
      { status: 50, minDays: 5, maxDays: 20 },
      { status: 60, minDays: 3, maxDays: 10 },
      { status: 70, minDays: 5, maxDays: 15 },
    ],
    90,
  );
}

export function permitFlow(random: Random, startMs: number, nowMs: number, missingDocuments: boolean): Step<PermitStage>[] {
  const stages: Stage<PermitStage>[] = [{ status: 'RECEVABILITE', minDays: 1, maxDays: 5 }];
  if (missingDocuments) {
    stages.push({ status: 'PIECES_MANQUANTES', minDays: 1, maxDays: 4, comment: 'Pièces complémentaires demandées' });
    stages.push({ status: 'RECEVABILITE', minDays: 3, maxDays: 30, stallChance: 0.35, comment: 'Pièces reçues' });
  }
  stages.push(
    { status: 'INSTRUCTION_TECHNIQUE', minDays: 3, maxDays: 12 },
    { status: 'AVIS_COMMISSION', minDays: 3, maxDays: 10, rejectChance: 0.06 },
    { status: 'SIGNATURE', minDays: 2, maxDays: 8 },
    { status: 'DELIVRE', minDays: 1, maxDays: 5 },
  );
  return walk<PermitStage>(random, startMs, nowMs, 'DEPOT', stages, 'REJETE');
}

export function copyFlow(random: Random, startMs: number, nowMs: number): Step<CopyRequestStatus>[] {
  return walk<CopyRequestStatus>(
    random,
    startMs,
    nowMs,
    'RECUE',
    [
      { status: 'EN_VERIFICATION', minDays: 0, maxDays: 1, rejectChance: 0.03 },
      { status: 'SIGNEE', minDays: 1, maxDays: 3 },
      { status: 'DISPONIBLE', minDays: 0, maxDays: 2 },
    ],
    'REJETEE',
  );
}
