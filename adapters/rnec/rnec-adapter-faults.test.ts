import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRnecSimulator, type RunningRnecSimulator } from '../../legacy/rnec/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { isAdapterError, type AdapterError } from '../shared/index.js';
import { rnecCodeError } from './rnec-errors.js';
import { createRnecAdapter } from './rnec-adapter.js';
import type { RnecAdapter } from './types.js';
import { noFaults } from '../../legacy/shared/index.js';

const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const niu = generateWorld(worldOptions).persons[0]!.niu;

// Classification only: each fault's code after one attempt, no retry and no breaker carried from one case to the
// next (shared/call-policy.test.ts and *-adapter-resilience.test.ts cover those).
const resilience = { retry: false, breaker: false } as const;

let rnec: RunningRnecSimulator;
let adapter: RnecAdapter;

beforeAll(async () => {
  rnec = await startRnecSimulator({ host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } });
  adapter = createRnecAdapter({ url: rnec.url, timeoutMs: 300, resilience });
  await adapter.getCitizen(niu); // builds the SOAP client from the WSDL before faults are injected
});
afterAll(() => rnec.close());
beforeEach(() => admin('POST', '/__admin/reset'));

async function admin(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${rnec.baseUrl}${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  expect(response.status).toBe(200);
}

async function failure(call: Promise<unknown>): Promise<AdapterError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error;
}

describe('RNEC adapter: faults', () => {
  it.each([
    ['down', 'BACKEND_UNAVAILABLE', { down: true }, true],
    ['reset', 'BACKEND_UNAVAILABLE', { resetRate: 1 }, true],
    ['soap:Server fault', 'BACKEND_ERROR', { errorRate: 1 }, true],
    ['error inside a 200', 'BACKEND_ERROR', { errorIn200Rate: 1 }, true],
    ['malformed XML', 'BAD_BACKEND_RESPONSE', { malformedRate: 1 }, true],
  ] as const)('%s → %s', async (_, code, faults, retryable) => {
    await admin('PUT', '/__admin/faults', faults);
    const error = await failure(adapter.getCitizen(niu));
    expect(error).toMatchObject({ code, retryable, system: 'rnec', operation: 'ConsulterPersonne' });
  });

  it('a truncated reply (status received, body cut) → BAD_BACKEND_RESPONSE, retryable', async () => {
    await admin('PUT', '/__admin/faults', { truncatedRate: 1 });
    expect(await failure(adapter.listActs(niu))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE', retryable: true, operation: 'ListerActes' });
  });

  it('overload (503) → BACKEND_UNAVAILABLE with retryAfterMs', async () => {
    await admin('PUT', '/__admin/faults', { overloadRate: 1, retryAfterSeconds: 3 });
    const error = await failure(adapter.getCitizens([niu]));
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryAfterMs: 3_000, operation: 'ConsulterPersonnes' });
  });

  it('a hang longer than the timeout → BACKEND_TIMEOUT', async () => {
    await admin('PUT', '/__admin/faults', { timeoutRate: 1, hangMs: 2_000 });
    const started = Date.now();
    const error = await failure(adapter.getCitizen(niu));
    expect(error).toMatchObject({ code: 'BACKEND_TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('faults of one operation leave the others alone', async () => {
    await admin('PUT', '/__admin/faults', { errorRate: 1, operations: ['SuivreDemande'] });
    expect((await adapter.getCitizen(niu)).niu).toBe(niu);
  });

  it('a refused connection → BACKEND_UNAVAILABLE', async () => {
    const closed = createRnecAdapter({ url: 'http://127.0.0.1:1/ws/rnec', timeoutMs: 1_000, resilience });
    expect(await failure(closed.getCitizen(niu))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryable: true });
  });

  it('retries building the SOAP client after a failed WSDL fetch', async () => {
    const fresh = createRnecAdapter({ url: rnec.url, timeoutMs: 1_000, resilience });
    await admin('PUT', '/__admin/faults', { overloadRate: 1, retryAfterSeconds: 1, operations: ['wsdl'] });
    expect(await failure(fresh.getCitizen(niu))).toMatchObject({ code: 'BACKEND_UNAVAILABLE', retryAfterMs: 1_000 });
    await admin('PUT', '/__admin/faults', { malformedRate: 1, operations: ['wsdl'] });
    expect(await failure(fresh.getCitizen(niu))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE' });
    await admin('POST', '/__admin/reset');
    expect((await fresh.getCitizen(niu)).niu).toBe(niu);
  });

  it('maps RNEC refusals of parameters to BAD_USER_INPUT with a French message', () => {
    const invalid = rnecCodeError('DemanderCopieActe', 'PARAMETRE_INVALIDE', 'NOMBRE_COPIES doit être un entier de 1 à 10.', 'Client');
    expect(invalid).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false });
    expect(invalid.userMessage).toContain('NOMBRE_COPIES doit être un entier');
    expect(rnecCodeError('ConsulterPersonnes', 'TROP_DE_NIU', null, 'Client').code).toBe('BAD_USER_INPUT');
    expect(rnecCodeError('SuivreDemande', 'DEMANDE_INTROUVABLE', null, 'Client').code).toBe('NOT_FOUND');
    expect(rnecCodeError('SuivreDemande', 'VERROU', null, 'Client')).toMatchObject({ code: 'BACKEND_ERROR', retryable: false });
  });
});
