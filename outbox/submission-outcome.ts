import type { JsonValue } from './json-value.js';
import type { OutboxSystem, Submission } from './submission.js';

/** How a queued submission ended: the legacy system took it, or the ministry refused it for good. */
export type OutcomeKind = 'delivered' | 'rejected';

/**
 * One submission's outcome as the outbox's feed lists it. Each transition to `delivered` or `rejected` draws the
 * next `sequence` in the same write as the state change, so the outbox rows are themselves a durable feed: a reader
 * keeps the last sequence it handled and asks for the ones after it, nothing is lost across restarts. A rejected
 * submission later found delivered (the legacy system had it after all) is listed again, as delivered, with a new
 * sequence.
 */
export interface SubmissionOutcome {
  /** Monotonic across the store (every system), starting at 1; gaps are possible. */
  readonly sequence: number;
  readonly outcome: OutcomeKind;
  readonly externalReference: string;
  readonly system: OutboxSystem;
  readonly procedureCode: string;
  readonly applicantNiu: string;
  /**
   * The company the submission was filed for (its NIF), when the applicant is a company: then the dossier, and every
   * event of it, is the company's — its representatives', not only the citizen who filed it. Null for a person's.
   */
  readonly companyNif: string | null;
  /** The graph reference, when delivered. */
  readonly legacyReference: string | null;
  /** The ministry's own words (French), when rejected. */
  readonly rejectionMessage: string | null;
  /** When the outbox recorded the outcome (epoch ms). */
  readonly at: number;
}

export interface OutcomePage {
  /** Oldest first, at most the limit asked for. */
  readonly outcomes: readonly SubmissionOutcome[];
  /** Where the next read starts: the last listed sequence, or the cursor asked for when none. */
  readonly next: number;
}

export interface OutcomesOptions {
  /** Only this system's outcomes (several ministries may share one PostgreSQL table); every system's when absent. */
  readonly system?: OutboxSystem;
}

/** The outcome an ended row records (`sequence` and `at` from its outcome columns). */
export function outcomeOfSubmission(submission: Submission, sequence: number, at: number): SubmissionOutcome {
  const { state } = submission;
  if (state !== 'delivered' && state !== 'rejected') throw new Error(`outbox row ${submission.externalReference} has an outcome but is ${state}`);
  return {
    sequence,
    outcome: state,
    externalReference: submission.externalReference,
    system: submission.system,
    procedureCode: submission.procedureCode,
    applicantNiu: submission.applicantNiu,
    companyNif: companyNifOf(submission.payload),
    legacyReference: submission.legacyReference,
    rejectionMessage: submission.rejectionMessage,
    at,
  };
}

/**
 * A company applicant's NIF from a payload: an adapter's input names a company applicant `company: { nif, rccm }`
 * (SIGEM's today, `adapters/mines/validate-input.ts`), and the outbox keeps that input as it is.
 */
function companyNifOf(payload: JsonValue): string | null {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const company = (payload as { readonly [key: string]: JsonValue }).company;
  if (company === null || company === undefined || typeof company !== 'object' || Array.isArray(company)) return null;
  const nif = (company as { readonly [key: string]: JsonValue }).nif;
  return typeof nif === 'string' ? nif : null;
}
