import { createServer } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../lib/http/index.js';
import { readUrbanismeConfig, startUrbanismeSimulator, type UrbanismeSimulator } from '../../legacy/urbanisme/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { isAdapterError } from '../shared/index.js';
import { createUrbanismeAdapter, type BuildingPermitInput, type UrbanismeAdapter } from './index.js';

const world = generateWorld({ seed: 16, scale: 0.02, now: '2026-11-01' });
const permit = world.permitApplications[0]!;
const reference = permit.numero.replace(/^PC-/, 'URB-');

// Classification only: each fault's code after one attempt, no retry and no breaker carried from one case to the
// next (shared/call-policy.test.ts and *-adapter-resilience.test.ts cover those).
const resilience = { retry: false, breaker: false } as const;

let sim: UrbanismeSimulator;
let adapter: UrbanismeAdapter;
const setFaults = (faults: Record<string, unknown>) => fetch(`${sim.url}/__admin/faults`, { method: 'PUT', body: JSON.stringify(faults) }).then((r) => r.json());
async function failure(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAdapterError(error), `expected an AdapterError, got ${String(error)}`).toBe(true);
  return error as Record<string, unknown>;
}

beforeAll(async () => {
  sim = await startUrbanismeSimulator(readUrbanismeConfig({ PORT: '0', SEED: '16', SCALE: '0.02', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
  adapter = createUrbanismeAdapter({ baseUrl: sim.url, timeoutMs: 300, resilience });
});
afterAll(() => sim.close());
beforeEach(() => fetch(`${sim.url}/__admin/reset`, { method: 'POST' }));

describe('Urbanisme adapter — faults', () => {
  it('reads normally without faults (control)', async () => {
    expect((await adapter.getApplication(reference)).reference).toBe(reference);
  });

  it('down → BACKEND_UNAVAILABLE, retryable', async () => {
    await setFaults({ down: true });
    expect(await failure(adapter.getApplication(reference))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryable: true });
  });

  it('connection refused → BACKEND_UNAVAILABLE', async () => {
    const server = createServer();
    const url = await listen(server, '127.0.0.1', 0);
    await closeServer(server);
    const nobody = createUrbanismeAdapter({ baseUrl: url, timeoutMs: 300, resilience });
    expect(await failure(nobody.listChangedDossiers('2026-10-01T00:00:00Z'))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryable: true, operation: 'changements' });
  });

  it('connection reset → BACKEND_UNAVAILABLE', async () => {
    await setFaults({ resetRate: 1 });
    expect(await failure(adapter.listDossiersOfCitizen(permit.niu))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryable: true });
  });

  it('a hang past the timeout → BACKEND_TIMEOUT', async () => {
    await setFaults({ timeoutRate: 1, hangMs: 2_000 });
    const started = Date.now();
    expect(await failure(adapter.getApplication(reference))).toMatchObject({ code: 'BACKEND_TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('nginx’s HTML 500 → BACKEND_ERROR, retryable', async () => {
    await setFaults({ errorRate: 1 });
    expect(await failure(adapter.getDossiers([reference]))).toMatchObject({ code: 'BACKEND_ERROR', retryable: true, operation: 'consulterDossiersParNumeros' });
  });

  it('nginx’s HTML 503 with Retry-After → BACKEND_UNAVAILABLE with retryAfterMs', async () => {
    await setFaults({ overloadRate: 1, retryAfterSeconds: 3 });
    expect(await failure(adapter.listApplications({ limit: 10 }))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryable: true, retryAfterMs: 3_000 });
  });

  it('ERREUR_INTERNE inside an HTTP 200 → BACKEND_ERROR, retryable', async () => {
    await setFaults({ errorIn200Rate: 1 });
    expect(await failure(adapter.getApplication(reference))).toMatchObject({ code: 'BACKEND_ERROR', retryable: true, message: expect.stringContaining('ERREUR_INTERNE') });
  });

  it('an in-200 error on a POST is reported, and the POST is made once', async () => {
    await setFaults({ errorIn200Rate: 1, operations: ['deposerDossier'] });
    const input = {
      niu: permit.niu,
      landTitle: 'TF-2015-000001',
      architectRegistration: 'ONAT-0101',
      communeCode: 'GOLFE2',
      quarter: 'Bè',
      projectKind: 'SINGLE_HOUSE',
      floorAreaM2: 120,
      levels: 1,
      externalReference: 'GUICHET-fault',
      documents: [],
    } satisfies BuildingPermitInput;
    expect(await failure(adapter.submitDossier(input))).toMatchObject({ code: 'BACKEND_ERROR', operation: 'deposerDossier' });
    expect(await fetch(`${sim.url}/__admin/calls`).then((r) => r.json())).toEqual({ deposerDossier: 1 });
  });

  it('malformed JSON → BAD_BACKEND_RESPONSE', async () => {
    await setFaults({ malformedRate: 1 });
    expect(await failure(adapter.getApplication(reference))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE' });
  });

  it('a truncated body (connection cut mid-answer) → BACKEND_UNAVAILABLE', async () => {
    await setFaults({ truncatedRate: 1 });
    expect(await failure(adapter.listDossiersOfCitizen(permit.niu))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryable: true });
  });

  it('faults aimed at one operation leave the others alone', async () => {
    await setFaults({ errorRate: 1, operations: ['changements'] });
    expect((await adapter.getApplication(reference)).reference).toBe(reference);
    expect(await failure(adapter.listChangedDossiers('2026-10-01'))).toMatchObject({ code: 'BACKEND_ERROR' });
  });
});
