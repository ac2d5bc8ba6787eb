import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRnecSimulator, type RunningRnecSimulator } from '../../legacy/rnec/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { createCallPolicy, createPolicyEvents, isAdapterError, type AdapterError, type CallPolicy, type PolicyEvents } from '../shared/index.js';
import { createRnecAdapter } from './rnec-adapter.js';
import type { RnecAdapter } from './types.js';
import { noFaults } from '../../legacy/shared/index.js';

/** The RNEC adapter's policy against the real SOAP simulator; faults injected in the simulator. */
const worldOptions = { seed: 12, scale: 0.02, now: '2026-11-01' };
const person = generateWorld(worldOptions).persons[0]!;

let rnec: RunningRnecSimulator;
let events: PolicyEvents;
let policy: CallPolicy;
let adapter: RnecAdapter;

const admin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${rnec.baseUrl}${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  expect(response.status).toBe(200);
  return response.json() as Promise<Record<string, number>>;
};
async function failure(call: Promise<unknown>): Promise<AdapterError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  rnec = await startRnecSimulator({ host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } });
});
afterAll(() => rnec.close());
beforeEach(async () => {
  await admin('POST', '/__admin/reset');
  events = createPolicyEvents();
  policy = createCallPolicy({ system: 'rnec', timeoutMs: 500, deadlineMs: 1_000, breaker: { threshold: 3, halfOpenAfterMs: 1_500 }, events });
  adapter = createRnecAdapter({ url: rnec.url, policy });
  await adapter.getCitizen(person.niu); // builds the SOAP client from the WSDL before faults are injected
  await admin('DELETE', '/__admin/calls');
});

describe('RNEC adapter resilience', () => {
  it('retries a read after soap:Server faults: the 3rd call answers', async () => {
    await admin('PUT', '/__admin/faults', { errorRate: 1 });
    events.subscribe((event) => {
      // In-process twin of the admin endpoint: the fault ends exactly before the 3rd attempt.
      if (event.kind === 'retry' && event.attempt === 2) rnec.control.faults = { ...rnec.control.faults, errorRate: 0 };
    });
    expect((await adapter.getCitizen(person.niu)).niu).toBe(person.niu);
    expect(await admin('GET', '/__admin/calls')).toEqual({ ConsulterPersonne: 3 });
    expect(events.snapshot().rnec?.retries).toBe(2);
  });

  it('never repeats DemanderCopieActe', async () => {
    await admin('PUT', '/__admin/faults', { errorRate: 1, operations: ['DemanderCopieActe'] });
    expect(await failure(adapter.requestCopy({ niu: person.niu, actNumber: person.birthActNumber, copies: 1, externalReference: 'GUI-RES-1' }))).toMatchObject({
      code: 'BACKEND_ERROR',
      operation: 'DemanderCopieActe',
    });
    expect(await admin('GET', '/__admin/calls')).toEqual({ DemanderCopieActe: 1 });
  });

  it('opens the circuit when RNEC is down, refuses without calling, and recovers after RNEC is back', async () => {
    await admin('PUT', '/__admin/faults', { down: true });
    expect(await failure(adapter.listActs(person.niu))).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(await failure(adapter.getCitizen(person.niu))).toMatchObject({ code: 'CIRCUIT_OPEN', system: 'rnec', retryable: true });
    expect(await admin('GET', '/__admin/calls')).toEqual({ ListerActes: 3 });
    expect(policy.health?.()).toMatchObject({ system: 'rnec', circuit: 'open' });

    await admin('PUT', '/__admin/faults', {});
    while (policy.circuitState?.() === 'open') await sleep(50);
    expect((await adapter.getCitizen(person.niu)).niu).toBe(person.niu);
    expect(policy.circuitState?.()).toBe('closed');
    expect(events.snapshot().rnec).toMatchObject({ breaks: 1, halfOpens: 1, resets: 1, rejections: { circuitOpen: 1, bulkheadFull: 0 } });
  });

  it('unknown persons (NOT_FOUND) neither trip it nor are retried', async () => {
    for (let i = 0; i < 5; i += 1) expect(await failure(adapter.getCitizen('999999999999'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await admin('GET', '/__admin/calls')).toEqual({ ConsulterPersonne: 5 });
    expect(policy.circuitState?.()).toBe('closed');
  });
});
