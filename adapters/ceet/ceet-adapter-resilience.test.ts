import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCeetSimulatorConfig, startCeetSimulator, type CeetSimulator } from '../../legacy/ceet/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { createCallPolicy, createPolicyEvents, isAdapterError, type AdapterError, type CallPolicy, type CallPolicyOptions, type PolicyEvents } from '../shared/index.js';
import { createCeetAdapter } from './create-ceet-adapter.js';
import type { CeetAdapter, ElectricityRequestInput } from './types.js';

/**
 * The CEET adapter's policy against the real simulator: faults are injected in the simulator (its admin endpoint,
 * or its in-process `control` — the same knobs — when a fault must end at an exact moment of the call).
 */
const world = generateWorld({ seed: 7, scale: 0.02, now: '2026-11-01' });
const reference = `CEET-${world.electricityRequests[0]?.numero}`;
const input: ElectricityRequestInput = {
  niu: '900000000003',
  meterType: 'SINGLE_PHASE',
  communeCode: 'LACS1',
  quarter: 'Aného',
  landTitle: null,
  applianceCount: 3,
  externalReference: 'GUI-R-1',
  documents: [],
};

let sim: CeetSimulator;
let events: PolicyEvents;
let policy: CallPolicy;
let ceet: CeetAdapter;

const setFaults = async (faults: Record<string, unknown>) => expect((await fetch(`${sim.url}/__admin/faults`, { method: 'PUT', body: JSON.stringify(faults) })).status).toBe(200);
const calls = () => fetch(`${sim.url}/__admin/calls`).then((r) => r.json() as Promise<Record<string, number>>);
/** Stops injecting faults at once, from inside a policy event (an HTTP round trip could land after the next attempt). */
const healNow = () => {
  sim.control.faults = { ...sim.control.faults, errorRate: 0, overloadRate: 0, down: false };
};
async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw error;
  return error;
}
function adapterWith(options: Partial<CallPolicyOptions> = {}) {
  policy = createCallPolicy({ system: 'ceet', timeoutMs: 300, events, ...options });
  ceet = createCeetAdapter({ baseUrl: sim.url, apiKey: 'dev-ceet-key', policy });
}

beforeAll(async () => {
  sim = await startCeetSimulator(readCeetSimulatorConfig({ PORT: '0', SEED: '7', SCALE: '0.02', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
  events = createPolicyEvents();
  adapterWith();
});

describe('CEET adapter resilience: retries of safe reads', () => {
  it('a read whose first two calls get HTTP 500 succeeds on the 3rd', async () => {
    await setFaults({ errorRate: 1, operations: ['consulterDemande'] });
    events.subscribe((event) => {
      if (event.kind === 'retry' && event.attempt === 2) healNow();
    });
    expect((await ceet.getRequest(reference)).reference).toBe(reference);
    expect(await calls()).toEqual({ consulterDemande: 3 });
    expect(events.snapshot().ceet).toMatchObject({ retries: 2, breaks: 0 });
  });

  it('honours 503 + Retry-After: the second call comes at least that long after the first', async () => {
    await setFaults({ overloadRate: 1, retryAfterSeconds: 1 });
    const delays: number[] = [];
    events.subscribe((event) => {
      if (event.kind === 'retry') {
        delays.push(event.delayMs);
        healNow();
      }
    });
    const started = Date.now();
    expect((await ceet.getRequest(reference)).reference).toBe(reference);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(delays).toEqual([1_000]);
    expect(await calls()).toEqual({ consulterDemande: 2 });
  });

  it('a Retry-After beyond the deadline fails at once, passing retryAfterMs on', async () => {
    await setFaults({ overloadRate: 1, retryAfterSeconds: 30 });
    const started = Date.now();
    expect(await rejection(ceet.getRequest(reference))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryAfterMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(500);
    expect(await calls()).toEqual({ consulterDemande: 1 });
  });

  it('never repeats a POST: one call on a 500, one call on a timeout', async () => {
    await setFaults({ errorRate: 1, operations: ['creerDemande'] });
    expect(await rejection(ceet.submitDossier(input))).toMatchObject({ code: 'BACKEND_ERROR', operation: 'creerDemande' });
    expect(await calls()).toEqual({ creerDemande: 1 });

    await fetch(`${sim.url}/__admin/calls`, { method: 'DELETE' });
    await setFaults({ timeoutRate: 1, hangMs: 1_000, operations: ['creerDemande'] });
    expect(await rejection(ceet.submitDossier({ ...input, externalReference: 'GUI-R-2' }))).toMatchObject({ code: 'BACKEND_TIMEOUT', operation: 'creerDemande' });
    await sleep(800); // long enough for any retry to have reached CEET
    expect(await calls()).toEqual({ creerDemande: 1 });
    expect(events.snapshot().ceet).toMatchObject({ retries: 0, timeouts: { attempt: 1, deadline: 0 } });
  });

  it('a slow system cannot hold a read past its deadline', async () => {
    adapterWith({ timeoutMs: 200, deadlineMs: 500 });
    await setFaults({ timeoutRate: 1, hangMs: 5_000 });
    const started = Date.now();
    expect(await rejection(ceet.getRequest(reference))).toMatchObject({ code: 'BACKEND_TIMEOUT', retryable: true });
    // At least one attempt ran out its 200 ms; the retries stop when the next one could not finish within the
    // 500 ms deadline, so the answer may come before it — never long after.
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(Date.now() - started).toBeLessThan(900);
    expect((await calls()).consulterDemande).toBeLessThanOrEqual(3);
  });
});

describe('CEET adapter resilience: circuit breaker', () => {
  it('opens when CEET is down, refuses at once without calling, and recovers after CEET is back', async () => {
    // The break (1.5 s) outlasts a read's deadline (1 s): an open circuit is refused at once rather than waited for.
    adapterWith({ deadlineMs: 1_000, breaker: { threshold: 3, halfOpenAfterMs: 1_500 } });
    await setFaults({ down: true });
    expect(await rejection(ceet.getRequest(reference))).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(await calls()).toEqual({ consulterDemande: 3 }); // three attempts, the third one opened the circuit
    expect(policy.circuitState?.()).toBe('open');

    const started = Date.now();
    const refused = await rejection(ceet.getDossiers([reference]));
    expect(refused).toMatchObject({ code: 'CIRCUIT_OPEN', retryable: true, system: 'ceet' });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1_500);
    expect(Date.now() - started).toBeLessThan(100);
    expect(await ceet.checkHealth()).toBe(false);
    expect(await calls()).toEqual({ consulterDemande: 3 }); // nothing reached CEET

    await setFaults({});
    while (policy.circuitState?.() === 'open') await sleep(50);
    expect(policy.health?.()).toMatchObject({ circuit: 'half-open' });
    expect((await ceet.getRequest(reference)).reference).toBe(reference);
    expect(policy.circuitState?.()).toBe('closed');
    expect(events.snapshot().ceet).toMatchObject({ breaks: 1, halfOpens: 1, resets: 1, circuit: 'closed' });
    expect(events.snapshot().ceet?.rejections.circuitOpen).toBeGreaterThanOrEqual(2);
  });

  it('unknown references (NOT_FOUND) neither trip it nor are retried', async () => {
    adapterWith({ breaker: { threshold: 2 } });
    for (let i = 0; i < 6; i += 1) expect(await rejection(ceet.getRequest('CEET-1999-999999'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await calls()).toEqual({ consulterDemande: 6 });
    expect(policy.circuitState?.()).toBe('closed');
  });

  it('the default policy of createCeetAdapter counts into the process-wide registry', async () => {
    const { policyEvents } = await import('../shared/index.js');
    const before = policyEvents.snapshot().ceet?.retries ?? 0;
    const plain = createCeetAdapter({ baseUrl: sim.url, apiKey: 'dev-ceet-key', timeoutMs: 300 });
    await setFaults({ errorRate: 1, operations: ['consulterDemande'] });
    const off = policyEvents.subscribe((event) => {
      if (event.kind === 'retry') healNow();
    });
    expect((await plain.getRequest(reference)).reference).toBe(reference);
    off();
    expect(policyEvents.snapshot().ceet?.retries).toBe(before + 1);
  });
});
