import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAdmissionLimiter, type Admission, type AdmissionLimiterOptions } from './admission-limiter.js';

const defaults: AdmissionLimiterOptions = { maxInFlight: 4, minInFlight: 1, queue: 2, queueTimeoutMs: 500, eventLoopDelayMs: 100, retryAfterMs: 2_000, now: () => Date.now() };
const limiterWith = (options: Partial<AdmissionLimiterOptions> = {}) => createAdmissionLimiter({ ...defaults, ...options });

/** Settles an acquisition into a value to inspect while fake timers run. */
function settle(promise: Promise<Admission>) {
  const state: { admission?: Admission } = {};
  void promise.then((admission) => (state.admission = admission));
  return state;
}

const admitted = (state: { admission?: Admission }) => (state.admission?.admitted === true ? state.admission : undefined);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the static bound and the queue', () => {
  // Offered n requests at once against 4 slots and a queue of 2: who gets a slot, who waits, who is refused at once.
  it.each([
    { offered: 1, inFlight: 1, queued: 0, refused: 0 },
    { offered: 4, inFlight: 4, queued: 0, refused: 0 },
    { offered: 5, inFlight: 4, queued: 1, refused: 0 },
    { offered: 6, inFlight: 4, queued: 2, refused: 0 },
    { offered: 7, inFlight: 4, queued: 2, refused: 1 },
    { offered: 50, inFlight: 4, queued: 2, refused: 44 },
  ])('$offered offered: $inFlight in flight, $queued waiting, $refused refused at once', async ({ offered, inFlight, queued, refused }) => {
    const limiter = limiterWith();
    const states = Array.from({ length: offered }, () => settle(limiter.acquire()));
    await vi.advanceTimersByTimeAsync(0);
    expect(states.filter((s) => admitted(s)).length).toBe(inFlight);
    expect(states.filter((s) => s.admission?.admitted === false).length).toBe(refused);
    expect(states.filter((s) => s.admission === undefined).length).toBe(queued);
    expect(limiter.stats()).toMatchObject({ inFlight, queued, limit: 4, admitted: inFlight, refused: { 'queue-full': refused, 'queue-timeout': 0, 'event-loop-delay': 0 } });
    for (const state of states.filter((s) => s.admission?.admitted === false)) expect(state.admission).toEqual({ admitted: false, reason: 'queue-full', retryAfterMs: 2_000 });
  });

  it('a release hands the slot to the oldest waiter, who learns how long it waited', async () => {
    const limiter = limiterWith({ maxInFlight: 1, queue: 3 });
    const first = settle(limiter.acquire());
    await vi.advanceTimersByTimeAsync(0);
    const second = settle(limiter.acquire());
    await vi.advanceTimersByTimeAsync(100);
    const third = settle(limiter.acquire());
    await vi.advanceTimersByTimeAsync(150);
    admitted(first)!.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(admitted(second)?.waitedMs).toBe(250);
    expect(third.admission).toBeUndefined();
    // Released twice: still one slot back, not two.
    admitted(first)!.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(third.admission).toBeUndefined();
    expect(limiter.stats()).toMatchObject({ inFlight: 1, queued: 1 });
  });

  it('the wait is bounded: past queueTimeoutMs the waiter is refused (queue-timeout) and its place is free', async () => {
    const limiter = limiterWith({ maxInFlight: 1, queue: 1 });
    settle(limiter.acquire());
    const waiting = settle(limiter.acquire());
    await vi.advanceTimersByTimeAsync(499);
    expect(waiting.admission).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting.admission).toEqual({ admitted: false, reason: 'queue-timeout', retryAfterMs: 2_000 });
    expect(limiter.stats()).toMatchObject({ queued: 0, refused: { 'queue-timeout': 1 } });
    const next = settle(limiter.acquire());
    await vi.advanceTimersByTimeAsync(0);
    expect(next.admission).toBeUndefined();
    expect(limiter.stats().queued).toBe(1);
  });

  it('a client gone before asking is neither admitted nor counted', async () => {
    const limiter = limiterWith();
    expect((await limiter.acquire(AbortSignal.abort())).admitted).toBe(false);
    expect(limiter.stats()).toMatchObject({ inFlight: 0, queued: 0, admitted: 0, refused: { 'queue-full': 0, 'queue-timeout': 0, 'event-loop-delay': 0 } });
  });

  it('a client gone while waiting leaves the queue without counting as a refusal', async () => {
    const limiter = limiterWith({ maxInFlight: 1, queue: 1 });
    settle(limiter.acquire());
    const gone = new AbortController();
    const waiting = settle(limiter.acquire(gone.signal));
    await vi.advanceTimersByTimeAsync(10);
    gone.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.admission?.admitted).toBe(false);
    expect(limiter.stats()).toMatchObject({ queued: 0, refused: { 'queue-full': 0, 'queue-timeout': 0, 'event-loop-delay': 0 } });
  });

  it('a newcomer never overtakes a waiter, even when a slot is free at that instant', async () => {
    const limiter = limiterWith({ maxInFlight: 1, queue: 2 });
    const first = settle(limiter.acquire());
    await vi.advanceTimersByTimeAsync(0);
    const waiter = settle(limiter.acquire());
    admitted(first)!.release();
    const newcomer = settle(limiter.acquire());
    await vi.advanceTimersByTimeAsync(0);
    expect(admitted(waiter)).toBeDefined();
    expect(newcomer.admission).toBeUndefined();
  });
});

describe('the adaptive limit (AIMD on event loop delay)', () => {
  it('each lagging sample cuts the limit by a quarter down to the floor, and closes the queue to newcomers', async () => {
    const limiter = limiterWith({ maxInFlight: 64, minInFlight: 8, queue: 10 });
    const limits: number[] = [];
    for (let sample = 0; sample < 10; sample++) {
      limiter.observeEventLoopDelay(150);
      limits.push(limiter.stats().limit);
    }
    expect(limits).toEqual([48, 36, 27, 20, 15, 11, 8, 8, 8, 8]);
    const states = Array.from({ length: 9 }, () => settle(limiter.acquire()));
    await vi.advanceTimersByTimeAsync(0);
    expect(states.filter((s) => admitted(s)).length).toBe(8);
    // The ninth would have waited behind a lagging loop: refused at once instead.
    expect(states[8]!.admission).toEqual({ admitted: false, reason: 'event-loop-delay', retryAfterMs: 2_000 });
    expect(limiter.saturated()).toBe(true);
  });

  it('calm samples raise it by a tenth (at least one) only while it was reached, up to the static bound', async () => {
    const limiter = limiterWith({ maxInFlight: 20, minInFlight: 2, queue: 100 });
    for (let sample = 0; sample < 20; sample++) limiter.observeEventLoopDelay(1_000);
    expect(limiter.stats().limit).toBe(2);
    // Calm, but nobody asked for more than the limit: it stays.
    limiter.observeEventLoopDelay(5);
    expect(limiter.stats().limit).toBe(2);
    const states = Array.from({ length: 30 }, () => settle(limiter.acquire()));
    const limits: number[] = [];
    for (let sample = 0; sample < 12; sample++) {
      // Every sample sees demand above the limit (more requests offered than slots).
      states.push(settle(limiter.acquire()));
      limiter.observeEventLoopDelay(5);
      limits.push(limiter.stats().limit);
    }
    expect(limits).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    await vi.advanceTimersByTimeAsync(0);
    // A raised limit admits the waiters at once.
    expect(states.filter((s) => admitted(s)).length).toBe(14);
    for (let sample = 0; sample < 20; sample++) {
      states.push(settle(limiter.acquire()));
      limiter.observeEventLoopDelay(5);
    }
    expect(limiter.stats().limit).toBe(20);
  });

  it('a delay threshold of 0 leaves the limit fixed at the bound', () => {
    const limiter = limiterWith({ maxInFlight: 16, eventLoopDelayMs: 0 });
    for (let sample = 0; sample < 5; sample++) limiter.observeEventLoopDelay(10_000);
    expect(limiter.stats()).toMatchObject({ limit: 16, eventLoopDelayMs: 10_000 });
    expect(limiter.saturated()).toBe(false);
  });

  it('the floor is never above the bound', () => {
    const limiter = limiterWith({ maxInFlight: 4, minInFlight: 50 });
    limiter.observeEventLoopDelay(1_000);
    expect(limiter.stats().limit).toBe(4);
  });
});

describe('saturated (what /ready says)', () => {
  it('after a refusal, for the hold; then ready again', async () => {
    const limiter = limiterWith({ maxInFlight: 1, queue: 0, saturatedHoldMs: 1_000 });
    expect(limiter.saturated()).toBe(false);
    settle(limiter.acquire());
    settle(limiter.acquire());
    await vi.advanceTimersByTimeAsync(999);
    expect(limiter.saturated()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(limiter.saturated()).toBe(false);
  });

  it('while the queue has stayed non-empty for the hold, not for a passing wait', async () => {
    const limiter = limiterWith({ maxInFlight: 1, queue: 5, queueTimeoutMs: 5_000, saturatedHoldMs: 1_000 });
    const first = settle(limiter.acquire());
    settle(limiter.acquire());
    await vi.advanceTimersByTimeAsync(500);
    expect(limiter.saturated()).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(limiter.saturated()).toBe(true);
    admitted(first)!.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(limiter.stats().queued).toBe(0);
    expect(limiter.saturated()).toBe(false);
  });

  it('while the event loop lags, and not once it is calm', () => {
    const limiter = limiterWith();
    limiter.observeEventLoopDelay(101);
    expect(limiter.saturated()).toBe(true);
    limiter.observeEventLoopDelay(20);
    expect(limiter.saturated()).toBe(false);
  });
});
