import { exponentialBackoff, type Backoff } from './backoff.js';
import type { ClassifyFailure } from './classify-failure.js';
import { describeError } from './describe-error.js';
import { IdempotencyConflictError } from './idempotency-conflict-error.js';
import { canonicalJson } from './json-value.js';
import { deliverOnce, type LegacyDelivery, type LegacyRecord } from './legacy-delivery.js';
import type { OutboxLogger } from './outbox-logger.js';
import { retryDelayMs } from './retry-delay.js';
import { createSingleFlight, type SingleFlight } from './single-flight.js';
import type { NewSubmission, Submission } from './submission.js';
import type { Clock, SubmissionStore } from './submission-store.js';

export interface SubmitOrQueueOptions<R extends LegacyRecord> extends NewSubmission {
  readonly store: SubmissionStore;
  readonly delivery: LegacyDelivery<R>;
  /** Retry (queue) or reject a failed attempt; the same function the forwarder uses. */
  readonly classify: ClassifyFailure;
  /**
   * Whether a record the legacy system already had under this external reference is this request. Only consulted
   * when the record predates the stored row (filed before the outbox, or the store was lost); without it, any such
   * record is accepted.
   */
  readonly sameRecord?: (record: R) => boolean;
  /** This process's lease owner id: the same as its forwarder's. */
  readonly owner: string;
  /** The forwarder's lease: the inline attempt holds the row that long before the forwarder may take over. */
  readonly leaseMs: number;
  readonly backoff?: Backoff;
  /** See `retryDelayMs`. Default 10000. */
  readonly createFailureDelayMs?: number;
  readonly clock?: Clock;
  readonly log?: OutboxLogger;
}

/**
 * - `delivered`: the legacy system has it (now, or from an earlier attempt: `replayed`);
 * - `queued`: accepted and stored; the forwarder delivers it (answer QUEUED with `submission.externalReference`);
 * - `rejected`: a client retry of a submission the legacy system refused after it had been queued;
 * - `delivered-offline`: a client retry of a submission already delivered, while the legacy system cannot answer:
 *   the stored row (with its `legacyReference`) is the last known truth, better than an error.
 */
export type SubmitOutcome<R> =
  | { readonly kind: 'delivered'; readonly record: R; readonly replayed: boolean }
  | { readonly kind: 'queued'; readonly submission: Submission }
  | { readonly kind: 'rejected'; readonly submission: Submission }
  | { readonly kind: 'delivered-offline'; readonly submission: Submission };

interface FlightResult {
  readonly payloadText: string;
  readonly outcome: Promise<SubmitOutcome<LegacyRecord>>;
}

/** One in-process flight table per store: concurrent identical submissions share one attempt. */
const flightsByStore = new WeakMap<SubmissionStore, SingleFlight<FlightResult>>();

/**
 * The path a mutation takes. The submission is written ahead — stored, leased to this process — before the legacy
 * system is called, then delivered inline with the forwarder's own reconciliation (`find`, then `create`):
 *
 * - delivered now → `delivered` (the row is marked delivered: it keeps the idempotency key answered);
 * - the ministry cannot take it now (`classify` → retry) → the row goes back to the queue → `queued`;
 * - the ministry refused it (`classify` → reject) → the row is deleted and the error rethrown: nothing was
 *   accepted, the client may correct and resend with the same key, as before the outbox;
 * - a row already exists (client retry): its state is answered without calling the legacy system again
 *   (`delivered` re-reads the record with `find`); another payload → `IdempotencyConflictError`;
 * - the process dies mid-attempt: the row stays leased, the lease runs out, a forwarder reconciles.
 *
 * Writing ahead costs one durable write per submission but closes the gap the try-first order leaves open: a
 * process killed during the legacy POST, and the client retrying on its restarted successor before that POST
 * lands, would otherwise find nothing and file it twice. Here the retry finds the row and answers QUEUED.
 */
export async function submitOrQueue<R extends LegacyRecord>(options: SubmitOrQueueOptions<R>): Promise<SubmitOutcome<R>> {
  const { store, externalReference } = options;
  const payloadText = canonicalJson(options.payload);
  let flights = flightsByStore.get(store);
  if (!flights) flightsByStore.set(store, (flights = createSingleFlight<FlightResult>()));
  const flight = flights.run(externalReference, async () => {
    const outcome = attempt(options);
    // Settle the flight only when the attempt is over, so that joiners never start a second one meanwhile.
    await outcome.catch(() => undefined);
    return { payloadText, outcome };
  });
  const shared = await flight.result;
  if (flight.joined && shared.payloadText !== payloadText) throw new IdempotencyConflictError(externalReference);
  // The flight was run with this caller's R (the same external reference means the same ministry and adapter).
  return (await shared.outcome) as SubmitOutcome<R>;
}

async function attempt<R extends LegacyRecord>(options: SubmitOrQueueOptions<R>): Promise<SubmitOutcome<R>> {
  const { store, delivery, classify, sameRecord, owner, leaseMs, backoff = exponentialBackoff(), createFailureDelayMs = 10_000, clock = Date.now, log } = options;
  const { externalReference, system, procedureCode, applicantNiu, payload, idempotencyKeyHash } = options;
  const stored = await store.enqueue({ externalReference, system, procedureCode, applicantNiu, payload, idempotencyKeyHash }, { lease: { owner, leaseMs } });
  if (stored.conflict) throw new IdempotencyConflictError(externalReference);
  if (!stored.created) return answerStored(stored.submission, delivery, sameRecord, classify);

  const submission = stored.submission;
  const result = await deliverOnce(delivery, submission);
  if (result.ok) {
    const { record } = result;
    try {
      await store.markDelivered(externalReference, { legacyReference: record.reference, deliveredAt: clock() });
    } catch (error) {
      // The legacy system has it; the row stays leased, and the forwarder's reconciliation records it later.
      log?.error({ err: error, system, externalReference }, 'outbox could not record an inline delivery');
    }
    if (!result.created && sameRecord && !sameRecord(record)) throw new IdempotencyConflictError(externalReference);
    return { kind: 'delivered', record, replayed: !result.created };
  }

  const verdict = classify(result.error);
  if (verdict.kind === 'reject') {
    await store.discard(externalReference, { owner });
    throw result.error;
  }
  const error = describeError(result.error);
  const delayMs = retryDelayMs({ backoff, attempts: submission.attempts, retryAfterMs: verdict.retryAfterMs, stage: result.stage, createFailureDelayMs });
  const queued = await store.markRetry(externalReference, { owner, error, nextAttemptAt: clock() + delayMs });
  log?.warn({ system, externalReference, stage: result.stage, error, delayMs }, 'submission queued: legacy system cannot take it now');
  return { kind: 'queued', submission: queued ?? (await store.get(externalReference)) ?? submission };
}

async function answerStored<R extends LegacyRecord>(
  submission: Submission,
  delivery: LegacyDelivery<R>,
  sameRecord: ((record: R) => boolean) | undefined,
  classify: ClassifyFailure,
): Promise<SubmitOutcome<R>> {
  switch (submission.state) {
    case 'queued':
    case 'delivering':
      return { kind: 'queued', submission };
    case 'rejected':
      return { kind: 'rejected', submission };
    case 'delivered': {
      // A read, safe to repeat. If the legacy system cannot answer now, the delivered row is the last known truth.
      let record: R | null;
      try {
        record = await delivery.find(submission);
      } catch (error) {
        if (classify(error).kind === 'retry' && submission.legacyReference) return { kind: 'delivered-offline', submission };
        throw error;
      }
      if (!record) throw new Error(`outbox submission ${submission.externalReference} was delivered as ${submission.legacyReference ?? '?'} but the legacy system no longer finds it`);
      if (sameRecord && !sameRecord(record)) throw new IdempotencyConflictError(submission.externalReference);
      return { kind: 'delivered', record, replayed: true };
    }
  }
}
