import { exponentialBackoff, type Backoff } from './backoff.js';
import type { ClassifyFailure } from './classify-failure.js';
import { describeError } from './describe-error.js';
import { deliverOnce, type LegacyDelivery, type LegacyRecord } from './legacy-delivery.js';
import type { OutboxLogger } from './outbox-logger.js';
import { retryDelayMs } from './retry-delay.js';
import type { OutboxSystem, Submission, SubmissionError } from './submission.js';
import type { Clock, SubmissionStore } from './submission-store.js';

export interface ForwarderOptions<R extends LegacyRecord> {
  readonly store: SubmissionStore;
  /** Only this system's submissions are claimed. */
  readonly system: OutboxSystem;
  readonly delivery: LegacyDelivery<R>;
  /** Retry or reject a failed delivery (see `classifyByCode`). */
  readonly classify: ClassifyFailure;
  /** This process's lease owner id (`outboxOwnerId(name)`). */
  readonly owner: string;
  readonly log: OutboxLogger;
  /** Pause between polls when the queue is drained. Default 1000. */
  readonly pollIntervalMs?: number;
  /** Submissions leased per poll, delivered one after the other. Default 10. */
  readonly batchSize?: number;
  /**
   * How long a claim holds a submission. Must exceed the longest delivery (find + create, timeouts and retries
   * included): past it, another process takes the submission over. Default 30000.
   */
  readonly leaseMs?: number;
  /** Default `exponentialBackoff()`: 0.5–1 s after the first failure, doubling, up to 2.5–5 min. */
  readonly backoff?: Backoff;
  /** Least wait after a failed `create` before reconciling (see `retryDelayMs`). Default 10000. */
  readonly createFailureDelayMs?: number;
  /** Default `Date.now`. */
  readonly clock?: Clock;
  /** After a submission reached its legacy system (`created: false` when an earlier attempt had got through). */
  readonly onDelivered?: (event: { readonly submission: Submission; readonly record: R; readonly created: boolean }) => void;
  /** After the legacy system refused a submission for good (`submission.rejectionMessage` says why). */
  readonly onRejected?: (event: { readonly submission: Submission }) => void;
  /** After a failed attempt was put back in the queue. */
  readonly onRetry?: (event: { readonly submission: Submission; readonly error: SubmissionError; readonly delayMs: number }) => void;
}

export interface ForwarderRun {
  readonly claimed: number;
  readonly delivered: number;
  readonly retried: number;
  readonly rejected: number;
  /** Claimed but given back untried because the forwarder is stopping. */
  readonly released: number;
}

export interface Forwarder {
  /** Polls in the background until `stop()`; a full batch is followed at once by the next. */
  start(): void;
  /** Lets the delivery in flight finish, gives the rest of its batch back, then resolves. Idempotent. */
  stop(): Promise<void>;
  /** One poll: claim a batch, deliver it. Joins the run in progress if there is one. */
  runOnce(): Promise<ForwarderRun>;
  readonly running: boolean;
}

/**
 * Delivers queued submissions to one ministry's legacy system once it can take them. Every attempt reconciles
 * (`find` before `create`), so a submission whose earlier attempt died anywhere — even between the legacy POST and
 * `markDelivered` — reaches the legacy system exactly once. Crashed owners' leases run out and are claimed again,
 * here or by another process: a restarted process resumes the queue by simply starting its forwarder.
 */
export function createForwarder<R extends LegacyRecord>(options: ForwarderOptions<R>): Forwarder {
  const {
    store,
    system,
    delivery,
    classify,
    owner,
    log,
    pollIntervalMs = 1_000,
    batchSize = 10,
    leaseMs = 30_000,
    backoff = exponentialBackoff(),
    createFailureDelayMs = 10_000,
    clock = Date.now,
  } = options;

  let running = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<ForwarderRun> | undefined;

  /** Hooks are for metrics and logs: one that throws must not fail a delivery. */
  const notify = <E>(hook: ((event: E) => void) | undefined, event: E) => {
    try {
      hook?.(event);
    } catch (error) {
      log.error({ err: error, system }, 'outbox hook failed');
    }
  };

  /** Our lease ran out mid-delivery and someone else holds the submission now: theirs to record. */
  const leaseLost = (externalReference: string): 'unrecorded' => {
    log.warn({ system, externalReference, leaseMs }, 'outbox lease lost during delivery; leaseMs may be shorter than a delivery');
    return 'unrecorded';
  };

  async function deliverClaimed(submission: Submission): Promise<'delivered' | 'retried' | 'rejected' | 'unrecorded'> {
    const { externalReference, attempts } = submission;
    const result = await deliverOnce(delivery, submission);
    if (result.ok) {
      const stored = await store.markDelivered(externalReference, { legacyReference: result.record.reference, deliveredAt: clock() });
      // Null: our lease ran out and the process that took over recorded it first; the report is theirs.
      if (!stored) return 'delivered';
      log.info({ system, externalReference, legacyReference: result.record.reference, attempts, reconciled: !result.created }, 'queued submission delivered');
      notify(options.onDelivered, { submission: stored, record: result.record, created: result.created });
      return 'delivered';
    }
    const error = describeError(result.error);
    const verdict = classify(result.error);
    if (verdict.kind === 'reject') {
      const stored = await store.markRejected(externalReference, { owner, error, message: verdict.message });
      if (!stored) return leaseLost(externalReference);
      log.warn({ system, externalReference, attempts, error }, 'queued submission rejected by the legacy system');
      notify(options.onRejected, { submission: stored });
      return 'rejected';
    }
    const delayMs = retryDelayMs({ backoff, attempts, retryAfterMs: verdict.retryAfterMs, stage: result.stage, createFailureDelayMs });
    const stored = await store.markRetry(externalReference, { owner, error, nextAttemptAt: clock() + delayMs });
    if (!stored) return leaseLost(externalReference);
    log.warn({ system, externalReference, attempts, stage: result.stage, error, delayMs }, 'queued submission not delivered, will retry');
    notify(options.onRetry, { submission: stored, error, delayMs });
    return 'retried';
  }

  async function run(): Promise<ForwarderRun> {
    const claimed = await store.claimDue({ now: clock(), limit: batchSize, leaseMs, owner, system });
    const counts = { claimed: claimed.length, delivered: 0, retried: 0, rejected: 0, released: 0 };
    for (const submission of claimed) {
      if (stopping) {
        // Given back at once, so that the next process need not wait for the lease to run out.
        if (await store.release(submission.externalReference, { owner }).catch(() => null)) counts.released += 1;
        continue;
      }
      try {
        const outcome = await deliverClaimed(submission);
        if (outcome !== 'unrecorded') counts[outcome] += 1;
      } catch (error) {
        // The store failed to record the outcome: the lease will run out and the next claim reconciles.
        log.error({ err: error, system, externalReference: submission.externalReference }, 'outbox could not record a delivery outcome');
      }
    }
    return counts;
  }

  function runOnce(): Promise<ForwarderRun> {
    current ??= run().finally(() => {
      current = undefined;
    });
    return current;
  }

  /** Each start() begins a new loop; a tick of an older loop (still finishing when stop() returned) just ends. */
  let loop = 0;

  function schedule(id: number, delayMs: number) {
    timer = setTimeout(() => void tick(id), delayMs);
    // The forwarder alone must not keep a process alive: the service's server does, and its close() stops us.
    timer.unref();
  }

  async function tick(id: number) {
    if (id !== loop) return;
    timer = undefined;
    let delayMs = pollIntervalMs;
    try {
      const summary = await runOnce();
      if (summary.claimed >= batchSize) delayMs = 0;
    } catch (error) {
      log.error({ err: error, system }, 'outbox poll failed');
    }
    if (running && id === loop) schedule(id, delayMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop += 1;
      log.info({ system, owner, pollIntervalMs, batchSize, leaseMs }, 'outbox forwarder started');
      schedule(loop, 0);
    },
    async stop() {
      const wasRunning = running;
      running = false;
      loop += 1;
      if (timer) clearTimeout(timer);
      timer = undefined;
      stopping = true;
      try {
        await current?.catch(() => undefined);
      } finally {
        stopping = false;
      }
      if (wasRunning) log.info({ system, owner }, 'outbox forwarder stopped');
    },
    runOnce,
    get running() {
      return running;
    },
  };
}
