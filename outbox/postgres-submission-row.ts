import { toSubmission, type SubmissionRow } from './sqlite-submission-row.js';
import { outcomeOfSubmission, type SubmissionOutcome } from './submission-outcome.js';
import type { Submission } from './submission.js';

/** A `outbox_submissions` row as node-postgres returns it: bigint columns as strings, jsonb already parsed. */
export interface PostgresSubmissionRow extends Omit<SubmissionRow, 'payload' | 'created_at' | 'updated_at' | 'next_attempt_at' | 'delivered_at' | 'lease_until'> {
  payload: unknown;
  created_at: string;
  updated_at: string;
  next_attempt_at: string;
  delivered_at: string | null;
  lease_until: string | null;
}

const ms = (value: string | null): number | null => (value === null ? null : Number(value));

/** Checked on the way out with the SQLite store's own mapping, so that both stores answer the same rows. */
export function toSubmissionFromPostgres(row: PostgresSubmissionRow): Submission {
  return toSubmission({
    ...row,
    payload: JSON.stringify(row.payload),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
    next_attempt_at: Number(row.next_attempt_at),
    delivered_at: ms(row.delivered_at),
    lease_until: ms(row.lease_until),
  });
}

/** An ended `outbox_submissions` row with its outcome columns (migration 2). */
export interface PostgresOutcomeRow extends PostgresSubmissionRow {
  outcome_seq: string;
  outcome_at: string;
}

export function toOutcomeFromPostgres(row: PostgresOutcomeRow): SubmissionOutcome {
  return outcomeOfSubmission(toSubmissionFromPostgres(row), Number(row.outcome_seq), Number(row.outcome_at));
}
