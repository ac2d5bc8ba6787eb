import type { DossierStatus } from '../schema/index.js';
import { connectedMinistries, type LegacySystem } from '../schema/index.js';

/** One ministry status code and the normalized status the feeds map it to (adapters/<system>'s tables). */
export interface StatusStep {
  readonly code: string;
  readonly status: DossierStatus;
}

/**
 * Per system, a code to start every dossier from and a cycle of codes whose normalized statuses differ from each
 * step to the next (and from the last back to the first, and from the start to the first): every change then makes
 * an event, since a feed only reports a change of normalized status (docs/events.md, "How events are derived").
 * ACTION_REQUIRED appears where the system has one, so that the two-event changes are measured too.
 */
export interface StatusCycle {
  readonly start: StatusStep;
  readonly cycle: readonly StatusStep[];
}

/** Partial: a ministry added by one registry row is measured by the push figures once it has its cycle here. */
export const statusCycles: Readonly<Partial<Record<LegacySystem, StatusCycle>>> = {
  ceet: {
    start: { code: '20', status: 'IN_PROGRESS' },
    cycle: [
      { code: '30', status: 'ACTION_REQUIRED' },
      { code: '40', status: 'IN_PROGRESS' },
      { code: '70', status: 'COMPLETED' },
      { code: '90', status: 'REJECTED' },
      { code: '10', status: 'SUBMITTED' },
      { code: '20', status: 'IN_PROGRESS' },
    ],
  },
  urbanisme: {
    start: { code: 'SIGNATURE', status: 'IN_PROGRESS' },
    cycle: [
      { code: 'PIECES_MANQUANTES', status: 'ACTION_REQUIRED' },
      { code: 'RECEVABILITE', status: 'IN_PROGRESS' },
      { code: 'DELIVRE', status: 'APPROVED' },
      { code: 'REJETE', status: 'REJECTED' },
      { code: 'DEPOT', status: 'SUBMITTED' },
      { code: 'INSTRUCTION_TECHNIQUE', status: 'IN_PROGRESS' },
    ],
  },
  rnec: {
    start: { code: 'SIGNEE', status: 'IN_PROGRESS' },
    cycle: [
      { code: 'DISPONIBLE', status: 'COMPLETED' },
      { code: 'REJETEE', status: 'REJECTED' },
      { code: 'RECUE', status: 'SUBMITTED' },
      { code: 'EN_VERIFICATION', status: 'IN_PROGRESS' },
    ],
  },
  mines: {
    start: { code: 'VISITE', status: 'IN_PROGRESS' },
    cycle: [
      { code: 'COMPL', status: 'ACTION_REQUIRED' },
      { code: 'INST', status: 'IN_PROGRESS' },
      { code: 'DELIV', status: 'APPROVED' },
      { code: 'REJ', status: 'REJECTED' },
      { code: 'ENR', status: 'SUBMITTED' },
      { code: 'RECV', status: 'IN_PROGRESS' },
    ],
  },
};

/** The events one change to `status` makes for its owner: STATUS_CHANGED, and ACTION_REQUIRED when it is one. */
export function expectedEventTypes(status: DossierStatus): readonly string[] {
  return status === 'ACTION_REQUIRED' ? ['STATUS_CHANGED', 'ACTION_REQUIRED'] : ['STATUS_CHANGED'];
}

/**
 * A system's own number (`2026-000123`, `PC-2026-004321`, `DC-2026-000777`, `2026/000123`) → its graph reference
 * (`<PREFIX>-2026-000123`): every system numbers by year and sequence, and the reference keeps both.
 */
export function referenceOfLegacyNumber(system: LegacySystem, legacyNumber: string): string {
  const match = /(\d{4})\D(\d{6})$/.exec(legacyNumber);
  const prefix = connectedMinistries.find((m) => m.system.code === system)?.system.referencePrefix;
  if (!match || prefix === undefined) throw new Error(`no graph reference for ${system} number ${legacyNumber}`);
  return `${prefix}-${match[1]}-${match[2]}`;
}

/** A dossier the figure moves: its system, its own number, its graph reference and its owner. */
export interface MovableDossier {
  readonly system: LegacySystem;
  readonly legacyNumber: string;
  readonly reference: string;
  readonly niu: string;
}

/**
 * Where each dossier stands in its system's cycle: `start(d)` is the step that puts it at its start code, `next(d)`
 * the following change (whose normalized status differs from the one before, so it makes an event).
 */
export function createStatusCycler() {
  const positions = new Map<string, number>();
  return {
    start(dossier: MovableDossier): StatusStep {
      positions.set(dossier.reference, -1);
      return cycleOf(dossier.system).start;
    },
    next(dossier: MovableDossier): StatusStep {
      const { cycle } = cycleOf(dossier.system);
      const position = ((positions.get(dossier.reference) ?? -1) + 1) % cycle.length;
      positions.set(dossier.reference, position);
      return cycle[position] as StatusStep;
    },
  };
}

function cycleOf(system: LegacySystem): StatusCycle {
  const cycle = statusCycles[system];
  if (!cycle) throw new Error(`no status cycle for ${system} in bench/push-changes.ts: the push figures cannot move its dossiers`);
  return cycle;
}
