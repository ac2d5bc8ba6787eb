import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdapterError } from './adapter-error.js';
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

describe('circuit breaker: one per system', () => {
  const breaker = { threshold: 3, halfOpenAfterMs: 10_000 };

  it('opens after N backend failures, refuses with CIRCUIT_OPEN without calling, half-opens and resets on success', async () => {
    const policy = policyWith({ retry: false, breaker });
    const failing = scripted(fail('BACKEND_UNAVAILABLE'));
    for (let i = 0; i < 3; i += 1) await expect(policy.execute(failing.call, read)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(policy.circuitState?.()).toBe('open');
    expect(seen.find((e) => e.kind === 'break')).toEqual({ kind: 'break', system: 'ceet', code: 'BACKEND_UNAVAILABLE', halfOpenAt: Date.now() + 10_000 });

    await vi.advanceTimersByTimeAsync(4_000);
    const healthy = scripted('ok');
    await expect(policy.execute(healthy.call, read)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', retryable: true, retryAfterMs: 6_000 });
    await expect(policy.execute(healthy.call, write)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(healthy.count).toBe(0);
    expect(policy.health?.()).toMatchObject({ system: 'ceet', circuit: 'open', retryAfterMs: 6_000 });

    await vi.advanceTimersByTimeAsync(6_000);
    expect(policy.circuitState?.()).toBe('half-open');
    expect(events.snapshot().ceet?.circuit).toBe('half-open');
    await expect(policy.execute(healthy.call, read)).resolves.toBe('answer 1');
    expect(policy.circuitState?.()).toBe('closed');
    expect(events.snapshot().ceet).toMatchObject({ breaks: 1, halfOpens: 1, resets: 1, rejections: { circuitOpen: 2, bulkheadFull: 0 }, circuit: 'closed' });
  });

  it('a failed probe opens the circuit again for another break', async () => {
    const policy = policyWith({ retry: false, breaker });
    const failing = scripted(fail('BACKEND_TIMEOUT'));
    for (let i = 0; i < 3; i += 1) await expect(policy.execute(failing.call, read)).rejects.toMatchObject({ code: 'BACKEND_TIMEOUT' });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(policy.execute(failing.call, read)).rejects.toMatchObject({ code: 'BACKEND_TIMEOUT' });
    expect(failing.count).toBe(4);
    expect(policy.circuitState?.()).toBe('open');
    await expect(policy.execute(failing.call, read)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: 10_000 });
    expect(events.snapshot().ceet).toMatchObject({ breaks: 2, halfOpens: 1, resets: 0 });
  });

  it('NOT_FOUND, BAD_USER_INPUT and a non-retryable bad payload do not trip it, and reset the count of failures in a row', async () => {
    const policy = policyWith({ retry: false, breaker });
    const answered = scripted(fail('NOT_FOUND'), fail('BAD_USER_INPUT'), fail('BAD_BACKEND_RESPONSE', { retryable: false }));
    for (let i = 0; i < 9; i += 1) await expect(policy.execute(answered.call, read)).rejects.toMatchObject({ code: expect.any(String) });
    expect(answered.count).toBe(9);
    expect(policy.circuitState?.()).toBe('closed');

    const flaky = scripted(fail('BACKEND_ERROR'), fail('BACKEND_ERROR'), fail('NOT_FOUND'), fail('BACKEND_ERROR'), fail('BACKEND_ERROR'));
    for (let i = 0; i < 5; i += 1) await expect(policy.execute(flaky.call, read)).rejects.toBeInstanceOf(AdapterError);
    expect(policy.circuitState?.()).toBe('closed');
    expect(events.snapshot().ceet?.breaks ?? 0).toBe(0);
  });

  it('counts every attempt of a retried read: the opening circuit stops the retries', async () => {
    const policy = policyWith({ retry: { maxAttempts: 5 }, breaker });
    const failing = scripted(fail('BACKEND_UNAVAILABLE'));
    const result = settle(policy.execute(failing.call, read));
    await vi.advanceTimersByTimeAsync(8_000);
    // The 3rd attempt opens the circuit, whose 10 s break outlasts the deadline: no 4th attempt, the real error.
    expect(result.error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(failing.count).toBe(3);
    expect(seen.filter((e) => e.kind === 'retry')).toHaveLength(2);
    expect(events.snapshot().ceet?.rejections.circuitOpen).toBe(0);
  });

  it('a read waits for the probe when the break ends within its deadline', async () => {
    const policy = policyWith({ retry: { maxAttempts: 3 }, breaker: { threshold: 1, halfOpenAfterMs: 1_000 } });
    const fake = scripted(fail('BACKEND_ERROR'), 'ok');
    const result = settle(policy.execute(fake.call, read));
    // Attempt 1 fails and opens the circuit for 1 s: attempt 2 waits for the end of the break and is the probe.
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.count).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toMatchObject({ done: true, value: 'answer 2' });
    expect((fake.startedAt[1] ?? 0) - (fake.startedAt[0] ?? 0)).toBe(1_000);
    expect(seen.filter((e) => e.kind === 'retry').map((e) => [e.code, e.delayMs])).toEqual([['BACKEND_ERROR', 1_000]]);
    expect(policy.circuitState?.()).toBe('closed');
    expect(events.snapshot().ceet).toMatchObject({ breaks: 1, halfOpens: 1, resets: 1 });
  });

  it('a read refused by an open circuit waits for the probe when it comes within its deadline', async () => {
    const policy = policyWith({ breaker: { threshold: 1, halfOpenAfterMs: 2_000 } });
    await expect(policy.execute(scripted(fail('BACKEND_ERROR', { retryable: true })).call, write)).rejects.toMatchObject({ code: 'BACKEND_ERROR' });
    await vi.advanceTimersByTimeAsync(500);
    const fake = scripted('ok');
    const result = settle(policy.execute(fake.call, read));
    await vi.advanceTimersByTimeAsync(1_499);
    expect(fake.count).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toMatchObject({ done: true, value: 'answer 1' });
    expect(seen.filter((e) => e.kind === 'retry').map((e) => [e.code, e.delayMs])).toEqual([['CIRCUIT_OPEN', 1_500]]);
  });

  it('can be a sampling breaker, and can be turned off', async () => {
    const sampling = policyWith({ retry: false, breaker: { mode: 'sampling', failureRatio: 0.5, windowMs: 10_000, minimumRps: 0.3 } });
    const mixed = scripted('ok', fail('BACKEND_ERROR'), fail('BACKEND_ERROR'), fail('BACKEND_ERROR'));
    for (let i = 0; i < 4; i += 1) await sampling.execute(mixed.call, read).catch(() => undefined);
    expect(sampling.circuitState?.()).toBe('open');

    const off = policyWith({ retry: false, breaker: false });
    const failing = scripted(fail('BACKEND_ERROR'));
    for (let i = 0; i < 20; i += 1) await off.execute(failing.call, read).catch(() => undefined);
    expect(failing.count).toBe(20);
    expect(off.circuitState?.()).toBe('closed');
  });
});

describe('bulkhead: bounded concurrency and queue per system', () => {
  it('refuses the call beyond limit + queue at once with BACKEND_OVERLOADED, retryable, and runs the queued one when a slot frees', async () => {
    const policy = policyWith({ bulkhead: { limit: 2, queue: 1 } });
    const releases: (() => void)[] = [];
    let started = 0;
    const slow = () => {
      started += 1;
      return new Promise<string>((resolve) => releases.push(() => resolve('done')));
    };
    const running = [settle(policy.execute(slow, read)), settle(policy.execute(slow, read)), settle(policy.execute(slow, write))];
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toBe(2);
    expect(policy.health?.()).toMatchObject({ bulkhead: { inFlight: 2, queued: 1, limit: 2, queue: 1 } });

    const refused = scripted('ok');
    await expect(policy.execute(refused.call, read)).rejects.toMatchObject({ code: 'BACKEND_OVERLOADED', retryable: true });
    expect(refused.count).toBe(0);
    expect(events.snapshot().ceet?.rejections).toEqual({ circuitOpen: 0, bulkheadFull: 1 });
    expect(seen.filter((e) => e.kind === 'retry')).toEqual([]); // our own shedding is not retried

    releases[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toBe(3);
    for (const release of releases.slice(1)) release();
    await vi.advanceTimersByTimeAsync(0);
    expect(running.map((r) => r.value)).toEqual(['done', 'done', 'done']);
  });

  it('waiting for a slot counts towards the deadline, not towards the attempt timeout', async () => {
    const policy = policyWith({ timeoutMs: 1_000, bulkhead: { limit: 1, queue: 1 }, breaker: false });
    const blocker = settle(policy.execute(scripted('hang').call, write));
    const slowButFine = (signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => resolve('slow answer'), 900);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      });
    const queued = settle(policy.execute(slowButFine, write));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(blocker.error).toMatchObject({ code: 'BACKEND_TIMEOUT' });
    expect(queued.done).toBe(false);
    // Its own attempt started when the slot freed, at 1 s: 900 ms later it answers, 1.9 s after being called.
    await vi.advanceTimersByTimeAsync(900);
    expect(queued.value).toBe('slow answer');
  });
});

describe('events', () => {
  it('subscribers receive every event until they unsubscribe; snapshots count per system', async () => {
    const received: string[] = [];
    const unsubscribe = events.subscribe((e) => received.push(`${e.system}:${e.kind}`));
    const rnec = createCallPolicy({ system: 'rnec', timeoutMs: 1_000, events, retry: false, breaker: { threshold: 1 } });
    await rnec.execute(scripted(fail('BACKEND_ERROR')).call, read).catch(() => undefined);
    await rnec.execute(scripted('ok').call, read).catch(() => undefined);
    unsubscribe();
    await rnec.execute(scripted('ok').call, read).catch(() => undefined);
    expect(received).toEqual(['rnec:break', 'rnec:rejection']);
    expect(events.snapshot()).toEqual({
      rnec: { retries: 0, breaks: 1, halfOpens: 0, resets: 0, rejections: { circuitOpen: 2, bulkheadFull: 0 }, timeouts: { attempt: 0, deadline: 0, request: 0 }, circuit: 'open' },
    });
    events.reset();
    expect(events.snapshot()).toEqual({});
  });

  it('a throwing listener never fails the call', async () => {
    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    events.subscribe(() => {
      throw new Error('metrics bug');
    });
    const fake = scripted(fail('BACKEND_ERROR'), 'ok');
    const result = settle(policyWith().execute(fake.call, read));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(result.value).toBe('answer 2');
    expect(warning).toHaveBeenCalledWith(expect.stringContaining('metrics bug'), 'PolicyEventsWarning');
  });
});

describe('backward compatibility', () => {
  it('createCallPolicy({ system, timeoutMs }) still works, with every default on', async () => {
    const policy = createCallPolicy({ system: 'urbanisme', timeoutMs: 500, events });
    const result = settle(policy.execute(scripted('hang', 'ok').call, read));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(result.value).toBe('answer 2');
    expect(policy.health?.()).toEqual({ system: 'urbanisme', circuit: 'closed', bulkhead: { inFlight: 0, queued: 0, limit: 32, queue: 64 } });
  });

  it('an unclassified failure becomes a non-retryable BACKEND_ERROR, as before', async () => {
    const fake = { count: 0 };
    const call = () => {
      fake.count += 1;
      return Promise.reject(new TypeError('bug'));
    };
    await expect(policyWith().execute(call, read)).rejects.toMatchObject({ code: 'BACKEND_ERROR', retryable: false, message: 'ceet.op: bug' });
    expect(fake.count).toBe(1);
  });
});
