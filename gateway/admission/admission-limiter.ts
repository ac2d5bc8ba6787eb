/** Why a request was refused at the door. */
export type RefusalReason = 'queue-full' | 'queue-timeout' | 'event-loop-delay';

export const refusalReasons: readonly RefusalReason[] = ['queue-full', 'queue-timeout', 'event-loop-delay'];

export type Admission =
  | { readonly admitted: true /** Time spent waiting for a slot. */; readonly waitedMs: number /** Call once, when the request has been answered. */; release(): void }
  | { readonly admitted: false; readonly reason: RefusalReason; readonly retryAfterMs: number };

export interface AdmissionLimiterOptions {
  /** Requests served at once, at most: the static bound, never exceeded. */
  readonly maxInFlight: number;
  /** Floor of the adaptive limit. Equal to `maxInFlight`: a fixed limit. */
  readonly minInFlight: number;
  /** Requests waiting for a slot, at most; one more is refused at once. */
  readonly queue: number;
  /** Longest wait for a slot before the request is refused. */
  readonly queueTimeoutMs: number;
  /** Event loop delay (ms) above which this process is saturated; 0 = not watched. */
  readonly eventLoopDelayMs: number;
  /** What a refusal tells the client to wait. */
  readonly retryAfterMs: number;
  /** How long a refusal, or a queue that stays non-empty, keeps the process `saturated`. Default 1000. */
  readonly saturatedHoldMs?: number;
  readonly now?: () => number;
}

export interface AdmissionStats {
  readonly inFlight: number;
  readonly queued: number;
  /** The concurrency limit now (between `minInFlight` and `maxInFlight`). */
  readonly limit: number;
  readonly admitted: number;
  readonly refused: Readonly<Record<RefusalReason, number>>;
  /** The last event loop delay observed (ms). */
  readonly eventLoopDelayMs: number;
}

export interface AdmissionLimiter {
  /** A slot now, a slot after waiting in the queue, or a refusal. `signal`: the client went away while waiting. */
  acquire(signal?: AbortSignal): Promise<Admission>;
  /** One sample of this process's event loop delay (ms): moves the adaptive limit. */
  observeEventLoopDelay(delayMs: number): void;
  /** In-flight at the limit with a queue that does not drain, recent refusals, or a lagging event loop. */
  saturated(): boolean;
  stats(): AdmissionStats;
}

interface Waiter {
  readonly enqueuedAt: number;
  readonly admit: () => void;
  readonly refuse: () => void;
}

/** Multiplicative decrease when the event loop lags; additive-ish increase (a tenth, at least one) when it is calm. */
const decreaseFactor = 0.75;
const increaseShare = 0.1;

/**
 * Admission control at the gateway's door: at most `limit` requests in flight, a bounded FIFO queue with a bounded
 * wait, and a fast refusal beyond. The limit adapts (AIMD) to this process's event loop delay between `minInFlight`
 * and `maxInFlight`: each sample above `eventLoopDelayMs` cuts it by a quarter and closes the queue to newcomers
 * (waiting behind a lagging loop only adds delay); each calm sample in which the limit was reached raises it by a
 * tenth. The delay is what saturation of this process looks like whatever the machine — CPU taken by the gateway's
 * own work or by neighbours — so the static numbers are a ceiling, not the only protection. Latency is deliberately
 * not the signal: the gateway's latency is mostly waiting on ministries, which the call policies' bulkheads and
 * breakers already bound, and a slow ministry must not shrink the door for everyone else.
 */
export function createAdmissionLimiter(options: AdmissionLimiterOptions): AdmissionLimiter {
  const { maxInFlight, queue: queueSize, queueTimeoutMs, eventLoopDelayMs: delayThresholdMs, retryAfterMs, saturatedHoldMs = 1_000, now = () => performance.now() } = options;
  const minInFlight = Math.min(options.minInFlight, maxInFlight);
  let limit = maxInFlight;
  let inFlight = 0;
  let admitted = 0;
  const refused: Record<RefusalReason, number> = { 'queue-full': 0, 'queue-timeout': 0, 'event-loop-delay': 0 };
  // Insertion-ordered: the oldest waiter first; deletion of a timed-out waiter is O(1).
  const waiting = new Set<Waiter>();
  let lastDelayMs = 0;
  let lagging = false;
  let reachedLimit = false;
  let lastRefusalAt = -Infinity;
  let queueNonEmptySince: number | undefined;

  const refusal = (reason: RefusalReason): Admission => {
    refused[reason] += 1;
    lastRefusalAt = now();
    return { admitted: false, reason, retryAfterMs };
  };

  const slot = (waitedMs: number): Admission => {
    inFlight += 1;
    admitted += 1;
    let released = false;
    return {
      admitted: true,
      waitedMs,
      release() {
        if (released) return;
        released = true;
        inFlight -= 1;
        drain();
      },
    };
  };

  const leaveQueue = (waiter: Waiter) => {
    waiting.delete(waiter);
    if (waiting.size === 0) queueNonEmptySince = undefined;
  };

  const drain = () => {
    for (const waiter of waiting) {
      if (inFlight >= limit) return;
      leaveQueue(waiter);
      waiter.admit();
    }
  };

  return {
    acquire(signal) {
      // Gone before asking (nothing to answer): neither admitted nor counted as refused.
      if (signal?.aborted === true) return Promise.resolve({ admitted: false, reason: 'queue-timeout', retryAfterMs });
      if (inFlight < limit && waiting.size === 0) return Promise.resolve(slot(0));
      reachedLimit = true;
      if (lagging) return Promise.resolve(refusal('event-loop-delay'));
      if (waiting.size >= queueSize) return Promise.resolve(refusal('queue-full'));
      return new Promise<Admission>((resolve) => {
        const enqueuedAt = now();
        const settle = (admission: Admission) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(admission);
        };
        const waiter: Waiter = {
          enqueuedAt,
          admit: () => settle(slot(now() - enqueuedAt)),
          refuse: () => settle(refusal('queue-timeout')),
        };
        const timer = setTimeout(() => {
          leaveQueue(waiter);
          waiter.refuse();
        }, queueTimeoutMs);
        // Gone before its turn: its place goes to the next, and nothing counts it as refused (nobody hears the answer).
        const onAbort = () => {
          leaveQueue(waiter);
          clearTimeout(timer);
          resolve({ admitted: false, reason: 'queue-timeout', retryAfterMs });
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        if (waiting.size === 0) queueNonEmptySince = enqueuedAt;
        waiting.add(waiter);
      });
    },

    observeEventLoopDelay(delayMs) {
      lastDelayMs = delayMs;
      if (delayThresholdMs > 0 && delayMs > delayThresholdMs) {
        lagging = true;
        limit = Math.max(minInFlight, Math.floor(limit * decreaseFactor));
      } else {
        lagging = false;
        if (reachedLimit && limit < maxInFlight) limit = Math.min(maxInFlight, limit + Math.max(1, Math.floor(limit * increaseShare)));
        drain();
      }
      reachedLimit = false;
    },

    saturated() {
      const at = now();
      if (lagging || at - lastRefusalAt < saturatedHoldMs) return true;
      return queueNonEmptySince !== undefined && at - queueNonEmptySince >= saturatedHoldMs;
    },

    stats: () => ({ inFlight, queued: waiting.size, limit, admitted, refused: { ...refused }, eventLoopDelayMs: lastDelayMs }),
  };
}
