import type { LegacySystem } from '../schema/legacy-systems.js';
import type { JsonValue } from './json-value.js';

/** The legacy systems that take submissions: the graph's `LegacySystem` (from schema/, so outbox/ imports no adapter). */
export type OutboxSystem = LegacySystem;

/**
 * - `queued`: accepted, waiting for its next attempt (`nextAttemptAt`);
 * - `delivering`: leased to one deliverer until `leaseUntil` (a lease that runs out means its owner died);
 * - `delivered`: the legacy system has it, under `legacyReference`;
 * - `rejected`: the legacy system refused it for good (`rejectionMessage`).
 */
export type SubmissionState = 'queued' | 'delivering' | 'delivered' | 'rejected';

/** Why the last attempt failed, for operators (English): an error code and the technical message. */
export interface SubmissionError {
  readonly code: string;
  readonly message: string;
}

/** What a caller hands the store. */
export interface NewSubmission {
  /** `GCH-…`, derived from (procedure, NIU, idempotency key): the primary key, and what the legacy system is searched by. */
  readonly externalReference: string;
  readonly system: OutboxSystem;
  readonly procedureCode: string;
  readonly applicantNiu: string;
  /** The clean adapter input, plain JSON data (a Date would come back as a string). */
  readonly payload: object;
  /** A hash of the client's idempotency key, never the key itself. */
  readonly idempotencyKeyHash?: string | null;
}

/** One stored submission. Times are epoch milliseconds. */
export interface Submission {
  readonly externalReference: string;
  readonly system: OutboxSystem;
  readonly procedureCode: string;
  readonly applicantNiu: string;
  readonly payload: JsonValue;
  readonly idempotencyKeyHash: string | null;
  readonly state: SubmissionState;
  /** Deliveries started (claims), including one whose owner died. */
  readonly attempts: number;
  readonly lastError: SubmissionError | null;
  /** The ministry's own words (French) when it refused the submission. */
  readonly rejectionMessage: string | null;
  /** The graph reference (`CEET-2026-000123`…) once delivered. */
  readonly legacyReference: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly nextAttemptAt: number;
  readonly deliveredAt: number | null;
  readonly leaseOwner: string | null;
  readonly leaseUntil: number | null;
}

export const pendingStates: readonly SubmissionState[] = ['queued', 'delivering'];
