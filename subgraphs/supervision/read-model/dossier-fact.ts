import type { DossierRecord, LegacySystem } from '../../../adapters/shared/index.js';
import { DossierStatus } from '../../../schema/index.js';

/**
 * What the figures need of one dossier, and nothing that names a person: no NIU, no name. The reference is kept as
 * the key a newer version of the same dossier replaces; it never leaves the subgraph.
 */
export interface DossierFact {
  readonly key: string;
  readonly system: LegacySystem;
  /** A procedure code of the catalogue (schema/procedures.ts). */
  readonly procedure: string;
  /** Commune code (`GOLFE1`), where the ministry's data has one. */
  readonly commune: string | null;
  readonly status: DossierStatus;
  /** Epoch milliseconds. */
  readonly submittedMs: number;
  /** When the ministry decided: the first step into APPROVED, COMPLETED or REJECTED; null while the dossier is open. */
  readonly decidedMs: number | null;
  readonly updatedMs: number;
}

/** The statuses that end the processing: the ministry has decided. */
export const decisionStatuses: ReadonlySet<DossierStatus> = new Set([DossierStatus.APPROVED, DossierStatus.COMPLETED, DossierStatus.REJECTED]);

/**
 * The fact of a clean legacy record. The decision instant comes from the history (the first decision step: a permit
 * DELIVRE is decided then, whenever it is collected); a dossier whose current status is not a decision is open.
 */
export function factOf(system: LegacySystem, record: DossierRecord, commune: string | null): DossierFact {
  const submittedMs = Date.parse(record.submittedAt);
  const updatedMs = Date.parse(record.updatedAt);
  let decidedMs: number | null = null;
  if (decisionStatuses.has(record.status)) {
    const step = record.history.find((s) => decisionStatuses.has(s.status));
    decidedMs = step ? Date.parse(step.at) : updatedMs;
  }
  return { key: record.reference, system, procedure: record.procedureCode, commune: commune || null, status: record.status, submittedMs, decidedMs, updatedMs };
}
