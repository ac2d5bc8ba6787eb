import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../adapter-error.js';
import { createCallPolicy } from '../call-policy.js';
import { createPolicyEvents } from '../resilience/index.js';
import { currentTrace } from '../../../lib/trace/index.js';
import { createLegacyCallEvents, type LegacyCallEvent } from './legacy-call-events.js';
import { createLegacyHealth, percentile } from './legacy-health.js';

const failure = (code: 'NOT_FOUND' | 'BACKEND_ERROR') => new AdapterError({ code, system: 'ceet', operation: 'op', retryable: false, message: code });

describe('the call policy reports every call once', () => {
  const events = createLegacyCallEvents();
  const seen: LegacyCallEvent[] = [];
  const stop = events.subscribe((event) => seen.push(event));
  afterEach(() => void (seen.length = 0));

  const policy = createCallPolicy({ system: 'ceet', timeoutMs: 1_000, retry: { maxAttempts: 3, baseDelayMs: 1 }, calls: events, events: createPolicyEvents() });

  it('with its duration and outcome: answers (NOT_FOUND included) are ok, backend failures are errors', async () => {
    await policy.execute(() => Promise.resolve('answer'), { operation: 'GET /v1/demandes', idempotent: true });
    await policy.execute(() => Promise.reject(failure('NOT_FOUND')), { operation: 'GET /v1/demandes/{numero}', idempotent: true }).catch(() => undefined);
    await policy.execute(() => Promise.reject(failure('BACKEND_ERROR')), { operation: 'POST /v1/demandes', idempotent: false }).catch(() => undefined);
    expect(seen.map(({ system, operation, outcome, code }) => ({ system, operation, outcome, code }))).toEqual([
      { system: 'ceet', operation: 'GET /v1/demandes', outcome: 'ok', code: undefined },
      { system: 'ceet', operation: 'GET /v1/demandes/{numero}', outcome: 'ok', code: 'NOT_FOUND' },
      { system: 'ceet', operation: 'POST /v1/demandes', outcome: 'error', code: 'BACKEND_ERROR' },
    ]);
    for (const event of seen) expect(event.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('runs each call inside a client span of the current trace', async () => {
    const scope = await policy.execute(() => Promise.resolve(currentTrace()), { operation: 'op', idempotent: true });
    expect(scope?.spanId).toMatch(/^[0-9a-f]{16}$/);
    stop();
  });
});

describe('legacy health figures', () => {
  it('give success rate and latency percentiles over the window, and the last failure', () => {
    let now = 1_000_000;
    const events = createLegacyCallEvents();
    const health = createLegacyHealth(events, { windowMs: 60_000, maxSamples: 4, now: () => now });
    expect(health.figures('rnec')).toMatchObject({ calls: 0, successRate: null, latencyMsP50: null });
    events.record({ system: 'rnec', operation: 'a', durationMs: 999, outcome: 'error', code: 'BACKEND_TIMEOUT', at: now - 120_000 });
    for (const durationMs of [10, 20, 30]) events.record({ system: 'rnec', operation: 'a', durationMs, outcome: 'ok', at: now });
    events.record({ system: 'rnec', operation: 'a', durationMs: 40, outcome: 'error', code: 'BACKEND_ERROR', at: now });
    events.record({ system: 'ceet', operation: 'b', durationMs: 5, outcome: 'ok', at: now });
    // Four samples kept: the old timeout fell out of the ring (and out of the window anyway).
    expect(health.figures('rnec')).toEqual({ calls: 4, successRate: 0.75, latencyMsP50: 20, latencyMsP95: 40, lastFailureAt: new Date(now), lastFailureCode: 'BACKEND_ERROR' });
    now += 61_000;
    expect(health.figures('rnec')).toMatchObject({ calls: 0, successRate: null, lastFailureCode: 'BACKEND_ERROR' });
    expect(health.figures('ceet').calls).toBe(0);
    health.close();
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});
