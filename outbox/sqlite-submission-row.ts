import { legacySystems } from '../schema/legacy-systems.js';
import { parseJson } from './json-value.js';
import type { OutboxSystem, Submission, SubmissionState } from './submission.js';
import { outcomeOfSubmission, type SubmissionOutcome } from './submission-outcome.js';

/** A `submissions` row as SQLite returns it (schema in sqlite-migrations.ts). */
export interface SubmissionRow {
  external_reference: string;
  system: string;
  procedure_code: string;
  applicant_niu: string;
  payload: string;
  idempotency_key_hash: string | null;
  state: string;
  attempts: number;
  last_error_code: string | null;
  last_error_message: string | null;
  rejection_message: string | null;
  legacy_reference: string | null;
  created_at: number;
  updated_at: number;
  next_attempt_at: number;
  delivered_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
}

const systems: ReadonlySet<string> = new Set<OutboxSystem>(legacySystems);
const states: ReadonlySet<string> = new Set<SubmissionState>(['queued', 'delivering', 'delivered', 'rejected']);

/** A row as stored, checked on the way out: the file may have been written by someone else. */
export function toSubmission(row: SubmissionRow): Submission {
  if (!systems.has(row.system) || !states.has(row.state)) throw new Error(`outbox row ${row.external_reference} has an unknown system or state`);
  return {
    externalReference: row.external_reference,
    system: row.system as OutboxSystem,
    procedureCode: row.procedure_code,
    applicantNiu: row.applicant_niu,
    payload: parseJson(row.payload),
    idempotencyKeyHash: row.idempotency_key_hash,
    state: row.state as SubmissionState,
    attempts: row.attempts,
    lastError: row.last_error_code === null ? null : { code: row.last_error_code, message: row.last_error_message ?? '' },
    rejectionMessage: row.rejection_message,
    legacyReference: row.legacy_reference,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
  };
}

/** An ended row with its outcome columns (migration 2), as SQLite returns it. */
export interface OutcomeRow extends SubmissionRow {
  outcome_seq: number;
  outcome_at: number;
}

/** The outcome a `delivered` or `rejected` row records. */
export function toOutcome(row: OutcomeRow): SubmissionOutcome {
  return outcomeOfSubmission(toSubmission(row), row.outcome_seq, row.outcome_at);
}
