import { exponentialBackoff } from './backoff.js';
import { createForwarder, type Forwarder, type ForwarderOptions } from './create-forwarder.js';
import type { LegacyRecord } from './legacy-delivery.js';
import { submitOrQueue, type SubmitOrQueueOptions, type SubmitOutcome } from './submit-or-queue.js';
import type { NewSubmission, Submission } from './submission.js';
import type { Backlog, ListForApplicantOptions, SubmissionStore } from './submission-store.js';

export type OutboxOptions<R extends LegacyRecord> = ForwarderOptions<R>;

/** One submission as a mutation hands it over; the outbox adds its system. */
export type OutboxSubmission<R extends LegacyRecord> = Omit<NewSubmission, 'system'> & Pick<SubmitOrQueueOptions<R>, 'sameRecord'>;

export interface Outbox<R extends LegacyRecord> {
  readonly store: SubmissionStore;
  readonly forwarder: Forwarder;
  /** `submitOrQueue` with this outbox's store, delivery, classification, owner and lease. */
  submit(submission: OutboxSubmission<R>): Promise<SubmitOutcome<R>>;
  get(externalReference: string): Promise<Submission | null>;
  /** This system's submissions of one citizen not (yet) in the legacy system: queued, being delivered, rejected. */
  listForApplicant(applicantNiu: string, options?: Pick<ListForApplicantOptions, 'states'>): Promise<readonly Submission[]>;
  /** This system's backlog, for `/ready`. */
  backlog(): Promise<Backlog>;
  /** Starts the forwarder: a restarted process resumes the queue left by its predecessor. */
  start(): void;
  /** Stops the forwarder (the delivery in flight finishes), then closes the store, which the outbox owns. */
  close(): Promise<void>;
}

/**
 * One ministry's outbox: the inline path and the forwarder wired to the same store, delivery, classification,
 * owner and lease, so the two can never disagree on how a submission is delivered.
 */
export function createOutbox<R extends LegacyRecord>(options: OutboxOptions<R>): Outbox<R> {
  const { store, system } = options;
  // One backoff for both paths, so a test's or an operator's choice applies to the first retry as to the later ones.
  const shared = { ...options, backoff: options.backoff ?? exponentialBackoff(), leaseMs: options.leaseMs ?? 30_000 };
  const forwarder = createForwarder(shared);
  let closed: Promise<void> | undefined;
  return {
    store,
    forwarder,
    submit: (submission) => submitOrQueue<R>({ ...shared, ...submission, system }),
    get: (externalReference) => store.get(externalReference),
    listForApplicant: (applicantNiu, listOptions) => store.listForApplicant(applicantNiu, { ...listOptions, system }),
    backlog: () => store.backlog({ system }),
    start: () => forwarder.start(),
    close() {
      closed ??= forwarder.stop().finally(() => store.close());
      return closed;
    },
  };
}
