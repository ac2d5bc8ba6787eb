import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCeetSimulatorConfig, startCeetSimulator, type CeetSimulator } from '../../legacy/ceet/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { isAdapterError, type AdapterError } from '../shared/index.js';
import { createCeetAdapter } from './create-ceet-adapter.js';
import type { CeetAdapter, ElectricityRequestInput } from './types.js';

const world = generateWorld({ seed: 5, scale: 0.02, now: '2026-11-01' });
const reference = `CEET-${world.electricityRequests[0]?.numero}`;
const niu = world.electricityRequests[0]?.niu ?? '';
const input: ElectricityRequestInput = {
  niu: '900000000002',
  meterType: 'SINGLE_PHASE',
  communeCode: 'LACS1',
  quarter: 'Glidji',
  landTitle: null,
  applianceCount: 5,
  externalReference: 'GUI-F-1',
  documents: [],
};

// Classification only: each fault's code after one attempt, no retry and no breaker carried from one case to the
// next (shared/call-policy.test.ts and *-adapter-resilience.test.ts cover those).
const resilience = { retry: false, breaker: false } as const;

let sim: CeetSimulator;
let ceet: CeetAdapter;
const setFaults = (faults: Record<string, unknown>) => fetch(`${sim.url}/__admin/faults`, { method: 'PUT', body: JSON.stringify(faults) }).then((r) => expect(r.status).toBe(200));
async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw error;
  return error;
}

beforeAll(async () => {
  const env = { PORT: '0', SEED: '5', SCALE: '0.02', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' };
  sim = await startCeetSimulator(readCeetSimulatorConfig(env));
  ceet = createCeetAdapter({ baseUrl: sim.url, apiKey: 'dev-ceet-key', timeoutMs: 300, resilience });
});
afterAll(() => sim.close());
beforeEach(() => fetch(`${sim.url}/__admin/reset`, { method: 'POST' }));

describe('CEET adapter: each fault becomes its code', () => {
  it.each([
    ['down', { down: true }, 'BACKEND_UNAVAILABLE', true],
    ['reset', { resetRate: 1 }, 'BACKEND_UNAVAILABLE', true],
    ['timeout', { timeoutRate: 1, hangMs: 2_000 }, 'BACKEND_TIMEOUT', true],
    ['HTTP 500', { errorRate: 1 }, 'BACKEND_ERROR', true],
    ['error inside a 200', { errorIn200Rate: 1 }, 'BACKEND_ERROR', true],
    ['malformed JSON', { malformedRate: 1 }, 'BAD_BACKEND_RESPONSE', true],
    ['truncated body', { truncatedRate: 1 }, 'BAD_BACKEND_RESPONSE', true],
  ] as const)('%s → %s', async (_, faults, code, retryable) => {
    await setFaults(faults);
    // Thunks: each call starts only when awaited, so no rejection goes unobserved.
    for (const call of [() => ceet.getRequest(reference), () => ceet.getDossiers([reference]), () => ceet.listDossiersOfCitizen(niu), () => ceet.listChangedDossiers('2026-10-30T00:00:00Z')]) {
      expect(await rejection(call())).toMatchObject({ code, retryable, system: 'ceet' });
    }
  });

  it('503 → BACKEND_UNAVAILABLE with retryAfterMs from Retry-After', async () => {
    await setFaults({ overloadRate: 1, retryAfterSeconds: 7 });
    expect(await rejection(ceet.getRequest(reference))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryable: true, retryAfterMs: 7_000 });
  });

  it('a refused connection → BACKEND_UNAVAILABLE', async () => {
    const nowhere = createCeetAdapter({ baseUrl: 'http://127.0.0.1:1', apiKey: 'dev-ceet-key', timeoutMs: 300, resilience });
    expect(await rejection(nowhere.getRequest(reference))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryable: true });
  });

  it('faults on the POST only: filing fails, reads still work', async () => {
    await setFaults({ errorIn200Rate: 1, operations: ['creerDemande'] });
    expect(await rejection(ceet.submitDossier(input))).toMatchObject({ code: 'BACKEND_ERROR', operation: 'creerDemande' });
    expect((await ceet.getRequest(reference)).reference).toBe(reference);
  });

  it('a POST whose answer was cut was still filed: reconciliation finds it instead of filing again', async () => {
    await setFaults({ truncatedRate: 1, operations: ['creerDemande'] });
    expect((await rejection(ceet.submitDossier({ ...input, externalReference: 'GUI-CUT' }))).code).toBe('BAD_BACKEND_RESPONSE');
    expect((await ceet.findDossierByExternalReference('GUI-CUT'))?.externalReference).toBe('GUI-CUT');
  });

  it('a POST that timed out before CEET handled it was not filed: nothing to reconcile', async () => {
    await setFaults({ timeoutRate: 1, hangMs: 1_000, operations: ['creerDemande'] });
    expect((await rejection(ceet.submitDossier({ ...input, externalReference: 'GUI-SLOW' }))).code).toBe('BACKEND_TIMEOUT');
    expect(await ceet.findDossierByExternalReference('GUI-SLOW')).toBeNull();
  });

  it('a health check answers false instead of throwing', async () => {
    await setFaults({ down: true });
    expect(await ceet.checkHealth()).toBe(false);
    await setFaults({ errorIn200Rate: 1 });
    expect(await ceet.checkHealth()).toBe(false);
  });
});
