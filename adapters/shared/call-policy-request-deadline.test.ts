import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline, runWithDeadline } from '../../lib/deadline/index.js';
import { createCallPolicy, type CallPolicy, type CallPolicyOptions } from './call-policy.js';
import { createPolicyEvents, type PolicyEvent, type PolicyEvents } from './resilience/index.js';
import { fail, read, scripted, settle, write } from './testing/scripted-call.js';

let events: PolicyEvents;
let seen: PolicyEvent[];
const policyWith = (options: Partial<CallPolicyOptions> = {}): CallPolicy => createCallPolicy({ system: 'ceet', timeoutMs: 1_000, events, ...options });

beforeEach(() => {
  vi.useFakeTimers();
  events = createPolicyEvents();
  seen = [];
  events.subscribe((event) => seen.push(event));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('retries: safe reads only', () => {
  it('a read failing twice succeeds on the 3rd attempt, after the jittered delays it announced', async () => {
    const fake = scripted(fail('BACKEND_UNAVAILABLE'), fail('BACKEND_ERROR'), 'ok');
    const result = settle(policyWith().execute(fake.call, read));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(result).toMatchObject({ done: true, value: 'answer 3' });
    expect(fake.count).toBe(3);
    const retries = seen.filter((e) => e.kind === 'retry');
    expect(retries.map((e) => [e.attempt, e.code])).toEqual([
      [1, 'BACKEND_UNAVAILABLE'],
      [2, 'BACKEND_ERROR'],
    ]);
    // Each attempt started exactly after the delay its retry event announced (fake timers round to the millisecond).
    for (const [index, retry] of retries.entries()) {
      const gap = (fake.startedAt[index + 1] ?? 0) - (fake.startedAt[index] ?? 0);
      expect(gap).toBeGreaterThanOrEqual(Math.floor(retry.delayMs));
      expect(gap).toBeLessThanOrEqual(Math.ceil(retry.delayMs));
      expect(retry.delayMs).toBeLessThanOrEqual(2_000);
    }
    expect(events.snapshot().ceet?.retries).toBe(2);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const fake = scripted(fail('BACKEND_ERROR'));
    const result = settle(policyWith({ retry: { maxAttempts: 4 }, breaker: false }).execute(fake.call, read));
    await vi.advanceTimersByTimeAsync(7_000);
    expect(result.error).toMatchObject({ code: 'BACKEND_ERROR' });
    expect(fake.count).toBe(4);
  });

  it('never retries a POST, even after a timeout, and never retries a non-retryable error', async () => {
    const hanging = scripted('hang', 'ok');
    const post = settle(policyWith().execute(hanging.call, write));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(post.error).toMatchObject({ code: 'BACKEND_TIMEOUT', retryable: true });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(hanging.count).toBe(1);

    const overloaded = scripted(fail('BACKEND_UNAVAILABLE', { retryAfterMs: 10 }), 'ok');
    const post503 = settle(policyWith().execute(overloaded.call, write));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(post503.error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(overloaded.count).toBe(1);

    const notFound = scripted(fail('NOT_FOUND'), 'ok');
    const lookup = settle(policyWith().execute(notFound.call, read));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(lookup.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(notFound.count).toBe(1);
    expect(seen.filter((e) => e.kind === 'retry')).toEqual([]);
  });

  it('retries a read that timed out, each attempt bounded by timeoutMs', async () => {
    const fake = scripted('hang', 'ok');
    const result = settle(policyWith().execute(fake.call, read));
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.count).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(result).toMatchObject({ done: true, value: 'answer 2' });
    expect(fake.count).toBe(2);
    expect(events.snapshot().ceet?.timeouts).toEqual({ attempt: 1, deadline: 0, request: 0 });
  });

  it('honours Retry-After: waits at least that long before the next attempt', async () => {
    const fake = scripted(fail('BACKEND_UNAVAILABLE', { retryAfterMs: 3_000 }), 'ok');
    const result = settle(policyWith().execute(fake.call, read));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(fake.count).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.count).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toMatchObject({ done: true, value: 'answer 2' });
    expect(seen).toContainEqual(expect.objectContaining({ kind: 'retry', delayMs: 3_000 }));
  });

  it('fails at once, keeping retryAfterMs, when Retry-After reaches past the deadline', async () => {
    const fake = scripted(fail('BACKEND_UNAVAILABLE', { retryAfterMs: 9_000 }), 'ok');
    const result = settle(policyWith({ deadlineMs: 8_000 }).execute(fake.call, read));
    await vi.advanceTimersByTimeAsync(0);
    expect(result.error).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryAfterMs: 9_000 });
    expect(fake.count).toBe(1);
  });
});

describe('deadline: the whole call, retries and waits included', () => {
  it('cuts a read whose attempts keep timing out at the deadline, with BACKEND_TIMEOUT', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // jitter ≈ 90 ms then ≈ 109 ms: three attempts fit in 2.5 s
    const fake = scripted('hang');
    const result = settle(policyWith({ deadlineMs: 2_500, retry: { maxAttempts: 10 }, breaker: false }).execute(fake.call, read));
    await vi.advanceTimersByTimeAsync(2_499);
    expect(result.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(result.error).toMatchObject({ code: 'BACKEND_TIMEOUT', retryable: true, message: expect.stringContaining('2500 ms deadline') });
    expect(fake.count).toBe(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.count).toBe(3);
    expect(events.snapshot().ceet?.timeouts).toEqual({ attempt: 2, deadline: 1, request: 0 });
  });

  it('is never shorter than one attempt', async () => {
    const fake = scripted('hang');
    const result = settle(policyWith({ timeoutMs: 5_000, deadlineMs: 1_000 }).execute(fake.call, write));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(result.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(result.error).toMatchObject({ code: 'BACKEND_TIMEOUT' });
  });
});

describe("the request's deadline: never more time than the request has left", () => {
  /** A request deadline on the faked clock, and a call made inside it (as a subgraph runs its requests). */
  const within = <T>(ms: number, run: () => Promise<T>, deadline = Deadline.after(ms, () => Date.now())) => settle(runWithDeadline(deadline, run));

  it.each([
    { requestMs: 300, own: { timeoutMs: 1_000, deadlineMs: 8_000 }, cutAt: 300, by: 'request' },
    { requestMs: 2_500, own: { timeoutMs: 1_000, deadlineMs: 8_000 }, cutAt: 1_000, by: 'attempt' },
    { requestMs: 20_000, own: { timeoutMs: 5_000, deadlineMs: 5_000 }, cutAt: 5_000, by: 'deadline' },
    { requestMs: 4_000, own: { timeoutMs: 5_000, deadlineMs: 5_000 }, cutAt: 4_000, by: 'request' },
  ])('a write hanging under a $requestMs ms request with $own.timeoutMs/$own.deadlineMs ms of its own is cut at $cutAt ms ($by)', async ({ requestMs, own, cutAt, by }) => {
    const fake = scripted('hang');
    const result = within(requestMs, () => policyWith({ ...own, breaker: false }).execute(fake.call, write));
    await vi.advanceTimersByTimeAsync(cutAt - 1);
    expect(result.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    // Retryable: a filing cut short goes back to the outbox's queue, it is not refused.
    expect(result.error).toMatchObject({ code: 'BACKEND_TIMEOUT', retryable: true });
    if (by === 'request') expect(result.error?.message).toContain(`within the ${cutAt} ms the request had left`);
    expect(fake.count).toBe(1);
    const timeouts = events.snapshot().ceet?.timeouts;
    expect(timeouts).toEqual({ attempt: by === 'attempt' ? 1 : 0, deadline: by === 'deadline' ? 1 : 0, request: by === 'request' ? 1 : 0 });
  });

  it('sends nothing when the request has no time left', async () => {
    const fake = scripted('ok');
    const deadline = Deadline.after(100, () => Date.now());
    await vi.advanceTimersByTimeAsync(100);
    const result = within(0, () => policyWith().execute(fake.call, read), deadline);
    await vi.advanceTimersByTimeAsync(0);
    expect(result.error).toMatchObject({ code: 'BACKEND_TIMEOUT', retryable: true, message: expect.stringContaining('not sent') });
    expect(fake.count).toBe(0);
    expect(seen).toContainEqual({ kind: 'timeout', system: 'ceet', operation: 'op', scope: 'request' });
  });

  it('stops retrying a read when the request runs out, even with attempts and its own deadline left', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const fake = scripted(fail('BACKEND_UNAVAILABLE'));
    const result = within(250, () => policyWith({ retry: { maxAttempts: 10, baseDelayMs: 100 }, breaker: false }).execute(fake.call, read));
    await vi.advanceTimersByTimeAsync(250);
    expect(result.error).toMatchObject({ code: expect.stringMatching(/^BACKEND_(TIMEOUT|UNAVAILABLE)$/) });
    const attempts = fake.count;
    expect(attempts).toBeGreaterThan(0);
    expect(attempts).toBeLessThan(10);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.count).toBe(attempts);
  });

  it('a call waiting for a bulkhead slot gives up when its request does', async () => {
    const policy = policyWith({ timeoutMs: 1_000, bulkhead: { limit: 1, queue: 1 }, breaker: false });
    const blocker = settle(policy.execute(scripted('hang').call, write));
    const waiting = scripted('ok');
    const queued = within(400, () => policy.execute(waiting.call, read));
    await vi.advanceTimersByTimeAsync(400);
    expect(queued.error).toMatchObject({ code: 'BACKEND_TIMEOUT', message: expect.stringContaining('400 ms the request had left') });
    expect(waiting.count).toBe(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(blocker.error).toMatchObject({ code: 'BACKEND_TIMEOUT' });
  });

  it('a released deadline (the request was answered) bounds nothing: work that outlives the request keeps its own bounds', async () => {
    const deadline = Deadline.after(100, () => Date.now());
    deadline.release();
    const fake = scripted('hang');
    const result = within(0, () => policyWith({ timeoutMs: 1_000, breaker: false }).execute(fake.call, write), deadline);
    await vi.advanceTimersByTimeAsync(999);
    expect(result.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(result.error).toMatchObject({ code: 'BACKEND_TIMEOUT', message: expect.stringContaining('within 1000 ms') });
  });
});
