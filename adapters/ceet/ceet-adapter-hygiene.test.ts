import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCeetSimulatorConfig, startCeetSimulator, type CeetSimulator } from '../../legacy/ceet/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { endlessBody, rewritingProxy, startHostileServer, type HostileServer } from '../shared/testing/hostile-server.js';
import { isAdapterError, type AdapterError } from '../shared/index.js';
import { ceetAdapterEnvSchema, ceetAdapterOptionsFromEnv } from './options.js';
import { createCeetAdapter } from './create-ceet-adapter.js';
import type { ElectricityRequestInput } from './types.js';

const world = generateWorld({ seed: 5, scale: 0.02, now: '2026-11-01' });
const known = world.electricityRequests[0]!;
const apiKey = 'dev-ceet-key';

let sim: CeetSimulator;
/** In front of the real simulator: shows the exact URLs the adapter sent, or plays a hostile CEET. */
let mitm: HostileServer;

beforeAll(async () => {
  sim = await startCeetSimulator(readCeetSimulatorConfig({ PORT: '0', SEED: '5', SCALE: '0.02', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
  mitm = await startHostileServer(rewritingProxy(sim.url));
});
afterAll(async () => {
  await mitm.close();
  await sim.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
  mitm.use(rewritingProxy(sim.url));
  mitm.received.length = 0;
});

const calls = () => fetch(`${sim.url}/__admin/calls`).then((r) => r.json() as Promise<Record<string, number>>);
async function failure(call: Promise<unknown>): Promise<AdapterError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error;
}

describe('CEET adapter hygiene: user input never shapes a URL', () => {
  const hostileReferences = [
    `CEET-${known.numero}/../x`,
    `CEET-${known.numero}/../../v1/sante`,
    `CEET-${known.numero}?numeros=2026-000002`,
    `CEET-${known.numero}#x`,
    `CEET-${known.numero}%2F..%2Fx`,
    `CEET-${known.numero}\n`,
    `../CEET-${known.numero}`,
    `CEET-2026-00000١`, // an Arabic-Indic digit: \d is ASCII-only in JS
  ];

  it.each(hostileReferences)('refuses %j before any call', async (reference) => {
    const ceet = createCeetAdapter({ baseUrl: sim.url, apiKey });
    expect(await failure(ceet.getRequest(reference))).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false, operation: 'consulterDemande' });
    expect(await failure(ceet.getDossiers([`CEET-${known.numero}`, reference]))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await calls()).toEqual({});
  });

  it('sends path segments encoded and query values as values, never as extra parameters', async () => {
    const ceet = createCeetAdapter({ baseUrl: mitm.url, apiKey });
    expect((await ceet.getRequest(`CEET-${known.numero}`)).reference).toBe(`CEET-${known.numero}`);
    const sneaky = `x&niu=${known.niu}&page=2#/../v1/sante`;
    expect(await ceet.findDossierByExternalReference(sneaky)).toBeNull();
    expect(mitm.received).toEqual([`GET /v1/demandes/${known.numero}`, `GET /v1/demandes?referenceExterne=${encodeURIComponent(sneaky)}`]);
    const query = new URL(mitm.received[1]!.slice(4), 'http://x').searchParams;
    expect([...query.keys()]).toEqual(['referenceExterne']);
    expect(query.get('referenceExterne')).toBe(sneaky);
  });

  it('carries free text with markup, quotes, ]]>, separators and non-ASCII intact through the real CEET', async () => {
    const ceet = createCeetAdapter({ baseUrl: sim.url, apiKey });
    const input: ElectricityRequestInput = {
      niu: '900000000042',
      meterType: 'SINGLE_PHASE',
      communeCode: 'GOLFE1',
      quarter: `Bè <Kpota> & "Adakpamé" ]]> l’Église`,
      landTitle: `TF/../2001?x=1&y#2`,
      applianceCount: 3,
      externalReference: `<x>&"']]>é’/../?a=b#c%2F`,
      documents: [],
    };
    const filed = await ceet.submitDossier(input);
    expect(filed).toMatchObject({ quarter: input.quarter, landTitle: input.landTitle, externalReference: input.externalReference });
    expect((await ceet.findDossierByExternalReference(input.externalReference))?.reference).toBe(filed.reference);
    expect((await ceet.getRequest(filed.reference)).quarter).toBe(input.quarter);
  });
});

describe('CEET adapter hygiene: response size', () => {
  const done = () => {
    let report: (bytes: number) => void = () => undefined;
    const bytes = new Promise<number>((resolve) => (report = resolve));
    return { bytes, onDone: (n: number) => report(n) };
  };

  it('an endless JSON answer is cut at maxResponseBytes → BAD_BACKEND_RESPONSE, having read only a little', async () => {
    const sent = done();
    mitm.use(endlessBody({ contentType: 'application/json', prefix: '{"demandes":[', filler: '{"numero":"2026-000001"},', onDone: sent.onDone }));
    const ceet = createCeetAdapter({ baseUrl: mitm.url, apiKey, timeoutMs: 20_000, maxResponseBytes: 1_000_000 });
    expect(await failure(ceet.getRequest(`CEET-${known.numero}`))).toMatchObject({
      code: 'BAD_BACKEND_RESPONSE',
      retryable: false,
      operation: 'consulterDemande',
      message: expect.stringContaining('too large'),
    });
    expect(await sent.bytes).toBeLessThan(20_000_000); // out of 200 MB offered
  });

  it('a gzip bomb is cut after inflating maxResponseBytes → BAD_BACKEND_RESPONSE', async () => {
    const sent = done();
    mitm.use(endlessBody({ contentType: 'application/json', prefix: '{"demandes":[', filler: ' ', gzip: true, maxBytes: 100_000_000, onDone: sent.onDone }));
    const ceet = createCeetAdapter({ baseUrl: mitm.url, apiKey, timeoutMs: 20_000, maxResponseBytes: 1_000_000 });
    expect(await failure(ceet.listRequests({ page: 1, pageSize: 10 }))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE', retryable: false, message: expect.stringContaining('too large') });
    await sent.bytes;
  });

  it('headers past Node’s limit → BAD_BACKEND_RESPONSE', async () => {
    mitm.use((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-filler': 'a'.repeat(100_000) }).end('{}');
    });
    const ceet = createCeetAdapter({ baseUrl: mitm.url, apiKey });
    expect(await failure(ceet.getRequest(`CEET-${known.numero}`))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE', retryable: false });
  });

  it('a real page larger than a small limit → BAD_BACKEND_RESPONSE; a smaller one passes', async () => {
    const ceet = createCeetAdapter({ baseUrl: sim.url, apiKey, maxResponseBytes: 10_000 });
    expect(await failure(ceet.listRequests({ page: 1, pageSize: 100 }))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE', operation: 'listerDemandes' });
    expect((await ceet.listRequests({ page: 1, pageSize: 2 })).items).toHaveLength(2);
  });

  it('reads CEET_MAX_RESPONSE_BYTES (default 5 MB)', () => {
    expect(ceetAdapterOptionsFromEnv(ceetAdapterEnvSchema.parse({})).maxResponseBytes).toBe(5_000_000);
    expect(ceetAdapterOptionsFromEnv(ceetAdapterEnvSchema.parse({ CEET_MAX_RESPONSE_BYTES: '2000000' })).maxResponseBytes).toBe(2_000_000);
    expect(ceetAdapterEnvSchema.safeParse({ CEET_MAX_RESPONSE_BYTES: 'lots' }).success).toBe(false);
  });
});
