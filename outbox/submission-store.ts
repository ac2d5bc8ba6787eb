import type { OutcomePage, OutcomesOptions } from './submission-outcome.js';
import type { NewSubmission, OutboxSystem, Submission, SubmissionError, SubmissionState } from './submission.js';

export interface EnqueueOptions {
  /**
   * Creates the row already leased (`delivering`, one attempt counted) to the caller who is about to deliver it
   * inline: the forwarder leaves it alone until the lease runs out, so if the caller dies mid-delivery the
   * forwarder takes over and reconciles. Ignored when the row already exists.
   */
  readonly lease?: { readonly owner: string; readonly leaseMs: number };
}

export interface EnqueueResult {
  /** The stored row: the new one, or the one already there. */
  readonly submission: Submission;
  /** False when a row with this external reference already existed (a client retry). */
  readonly created: boolean;
  /** True when the existing row carries another payload: the idempotency key was reused for another request. */
  readonly conflict: boolean;
}

export interface ClaimOptions {
  readonly now: number;
  /** Most rows leased by this call. */
  readonly limit: number;
  readonly leaseMs: number;
  /** Who holds the leases (one per forwarder process: see `outboxOwnerId`). */
  readonly owner: string;
  /** Only this system's rows; every system's when absent. */
  readonly system?: OutboxSystem;
}

export interface ListForApplicantOptions {
  readonly system?: OutboxSystem;
  /** Default `['queued', 'delivering', 'rejected']`: what the legacy systems cannot show the citizen. */
  readonly states?: readonly SubmissionState[];
}

export interface Backlog {
  /** Submissions not yet delivered nor rejected (queued or being delivered). */
  readonly pending: number;
  /** Age of the oldest pending submission; null when there is none. */
  readonly oldestPendingAgeMs: number | null;
}

/**
 * Where accepted submissions wait for their legacy system. Every method is async so that a server database can
 * implement it; the SQLite and memory implementations pass the same contract tests
 * (`test-support/submission-store-contract.ts`).
 *
 * The transitions that undo or fail a delivery (`markRetry`, `markRejected`, `release`, `discard`) are fenced by
 * the lease owner: a deliverer whose lease ran out and was taken over cannot put the row back under the new owner's
 * feet. `markDelivered` is not fenced: whoever saw the legacy record states a fact.
 */
export interface SubmissionStore {
  /** Idempotent on `externalReference`: a second call returns the existing row, flagging a different payload. */
  enqueue(submission: NewSubmission, options?: EnqueueOptions): Promise<EnqueueResult>;
  get(externalReference: string): Promise<Submission | null>;
  /** One citizen's submissions in the given states, newest first. */
  listForApplicant(applicantNiu: string, options?: ListForApplicantOptions): Promise<readonly Submission[]>;
  /**
   * Atomically leases due rows to one owner: queued rows whose `nextAttemptAt` has come, and rows whose lease ran
   * out (their owner died). Counts one attempt each. Oldest due first. Two owners never get the same row.
   */
  claimDue(options: ClaimOptions): Promise<readonly Submission[]>;
  /** Records delivery; null if it was already delivered (the first delivery is kept). */
  markDelivered(externalReference: string, delivery: { readonly legacyReference: string; readonly deliveredAt: number }): Promise<Submission | null>;
  /** Back to `queued` until `nextAttemptAt`; null unless `owner` holds the lease. */
  markRetry(externalReference: string, retry: { readonly owner: string; readonly error: SubmissionError; readonly nextAttemptAt: number }): Promise<Submission | null>;
  /** Refused for good, with the ministry's message for the citizen; null unless `owner` holds the lease. */
  markRejected(externalReference: string, rejection: { readonly owner: string; readonly error: SubmissionError; readonly message: string }): Promise<Submission | null>;
  /** Gives a leased row back untried (graceful stop): `queued`, the attempt uncounted, due as before. */
  release(externalReference: string, lease: { readonly owner: string }): Promise<Submission | null>;
  /** Deletes a leased row that must leave no trace (an inline submission the legacy system refused). */
  discard(externalReference: string, lease: { readonly owner: string }): Promise<boolean>;
  /**
   * The outcomes recorded after sequence `after` (exclusive), oldest first, at most `limit`: the outbox as a feed
   * (see `SubmissionOutcome`). Sequences are committed in order, so a reader that saw N never later finds one below N.
   */
  outcomesAfter(after: number, limit: number, options?: OutcomesOptions): Promise<OutcomePage>;
  /** The newest outcome sequence recorded (0 before any): where a reader that wants new outcomes only starts. */
  outcomeHead(options?: OutcomesOptions): Promise<number>;
  /** What `/ready` reports. */
  backlog(options?: { readonly system?: OutboxSystem }): Promise<Backlog>;
  close(): Promise<void>;
}

export const defaultListedStates: readonly SubmissionState[] = ['queued', 'delivering', 'rejected'];

/** The clock every store reads for `createdAt`, `updatedAt` and the backlog's age (tests inject their own). */
export type Clock = () => number;
