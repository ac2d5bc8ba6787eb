import type { DossierStatus } from '../../schema/dossier-status.js';
import type { ProcedureCode } from '../../schema/procedures.js';

/** One dated step of a dossier's history. */
export interface DossierStep {
  readonly status: DossierStatus;
  /** The ministry's own label (French). */
  readonly ministryStatus: string;
  /** ISO 8601 instant. */
  readonly at: string;
}

/** What every ministry's dossier has once cleaned: the common part of the graph's `Dossier`. */
export interface DossierRecord {
  /** Graph reference carrying its system (`CEET-2026-000123`). */
  readonly reference: string;
  readonly applicantNiu: string;
  readonly status: DossierStatus;
  /** The ministry's own label (French), what agents read. */
  readonly ministryStatus: string;
  /** The legacy code behind it (`30`, `PIECES_MANQUANTES`…). */
  readonly ministryStatusCode: string;
  /** ISO 8601 instants. */
  readonly submittedAt: string;
  readonly updatedAt: string;
  /** Oldest first. */
  readonly history: readonly DossierStep[];
  /** What the citizen must do next (French), if anything. */
  readonly nextAction: string | null;
  readonly procedureCode: ProcedureCode;
  /** Guichet's idempotency reference, when filed through Guichet. */
  readonly externalReference: string | null;
}

/** A page of a legacy list, however the system paginates. */
export interface RecordPage<T> {
  readonly items: readonly T[];
  readonly totalCount: number;
}
