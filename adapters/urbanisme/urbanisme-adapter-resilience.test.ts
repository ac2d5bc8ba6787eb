import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readUrbanismeConfig, startUrbanismeSimulator, type UrbanismeSimulator } from '../../legacy/urbanisme/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { createCallPolicy, createPolicyEvents, isAdapterError, type AdapterError, type CallPolicy, type PolicyEvents } from '../shared/index.js';
import { createUrbanismeAdapter, type BuildingPermitInput, type UrbanismeAdapter } from './index.js';

/** The Urbanisme adapter's policy against the real simulator; faults injected in the simulator. */
const world = generateWorld({ seed: 17, scale: 0.02, now: '2026-11-01' });
const permit = world.permitApplications[0]!;
const reference = permit.numero.replace(/^PC-/, 'URB-');
const input: BuildingPermitInput = {
  niu: permit.niu,
  landTitle: 'TF-2015-000001',
  architectRegistration: 'ONAT-0101',
  communeCode: 'GOLFE2',
  quarter: 'Bè',
  projectKind: 'SINGLE_HOUSE',
  floorAreaM2: 120,
  levels: 1,
  externalReference: 'GUICHET-res',
  documents: [],
};

let sim: UrbanismeSimulator;
let events: PolicyEvents;
let policy: CallPolicy;
let adapter: UrbanismeAdapter;

const setFaults = async (faults: Record<string, unknown>) => expect((await fetch(`${sim.url}/__admin/faults`, { method: 'PUT', body: JSON.stringify(faults) })).status).toBe(200);
const calls = () => fetch(`${sim.url}/__admin/calls`).then((r) => r.json() as Promise<Record<string, number>>);
async function failure(call: Promise<unknown>): Promise<AdapterError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  sim = await startUrbanismeSimulator(readUrbanismeConfig({ PORT: '0', SEED: '17', SCALE: '0.02', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
  events = createPolicyEvents();
  policy = createCallPolicy({ system: 'urbanisme', timeoutMs: 300, deadlineMs: 1_000, breaker: { threshold: 3, halfOpenAfterMs: 1_500 }, events });
  adapter = createUrbanismeAdapter({ baseUrl: sim.url, timeoutMs: 300, policy });
});

describe('Urbanisme adapter resilience', () => {
  it('retries a read after errors inside a 200 (ERREUR_INTERNE): the 3rd call answers', async () => {
    await setFaults({ errorIn200Rate: 1 });
    events.subscribe((event) => {
      // In-process twin of the admin endpoint: the fault ends exactly before the 3rd attempt.
      if (event.kind === 'retry' && event.attempt === 2) sim.control.faults = { ...sim.control.faults, errorIn200Rate: 0 };
    });
    expect((await adapter.getApplication(reference)).reference).toBe(reference);
    expect(await calls()).toEqual({ consulterDossier: 3 });
  });

  it('never repeats deposerDossier, whatever the failure', async () => {
    await setFaults({ errorRate: 1, operations: ['deposerDossier'] });
    expect(await failure(adapter.submitDossier(input))).toMatchObject({ code: 'BACKEND_ERROR', operation: 'deposerDossier' });
    expect(await calls()).toEqual({ deposerDossier: 1 });
  });

  it('opens the circuit when Urbanisme is down, refuses without calling, and recovers after it is back', async () => {
    await setFaults({ down: true });
    expect(await failure(adapter.getApplication(reference))).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(await failure(adapter.submitDossier(input))).toMatchObject({ code: 'CIRCUIT_OPEN', system: 'urbanisme' });
    expect(await calls()).toEqual({ consulterDossier: 3 });

    await setFaults({});
    while (policy.circuitState?.() === 'open') await sleep(50);
    expect((await adapter.getApplication(reference)).reference).toBe(reference);
    expect(policy.circuitState?.()).toBe('closed');
    expect(events.snapshot().urbanisme).toMatchObject({ breaks: 1, halfOpens: 1, resets: 1 });
  });
});
