import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readUrbanismeConfig, startUrbanismeSimulator, type UrbanismeSimulator } from '../../legacy/urbanisme/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { endlessBody, rewritingProxy, startHostileServer, type HostileServer } from '../shared/testing/hostile-server.js';
import { isAdapterError, type AdapterError } from '../shared/index.js';
import { createUrbanismeAdapter, urbanismeAdapterEnvSchema, urbanismeAdapterOptionsFromEnv, type BuildingPermitInput } from './index.js';

const world = generateWorld({ seed: 16, scale: 0.02, now: '2026-11-01' });
const permit = world.permitApplications[0]!;
const reference = permit.numero.replace(/^PC-/, 'URB-');
const newcomer = world.persons.find((p) => !world.permitApplications.some((a) => a.niu === p.niu))!;

let sim: UrbanismeSimulator;
/** In front of the real simulator: shows the exact URLs the adapter sent, or plays a hostile Urbanisme. */
let mitm: HostileServer;

beforeAll(async () => {
  sim = await startUrbanismeSimulator(readUrbanismeConfig({ PORT: '0', SEED: '16', SCALE: '0.02', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
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

describe('Urbanisme adapter hygiene: user input never shapes a URL', () => {
  it.each([
    `${reference}/../x`,
    `${reference}/../../api/dossiers/changements`,
    `${reference}?numeros=PC-2026-000002`,
    `${reference}#x`,
    `${reference}%2F..%2Fx`,
    `${reference}\n`,
    `../${reference}`,
    `URB-2026-00000١`, // an Arabic-Indic digit: \d is ASCII-only in JS
  ])('refuses %j before any call (and leaves it out of a batch)', async (hostile) => {
    const adapter = createUrbanismeAdapter({ baseUrl: sim.url, timeoutMs: 3_000 });
    expect(await failure(adapter.getApplication(hostile))).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false, operation: 'consulterDossier' });
    expect((await adapter.getDossiers([hostile])).size).toBe(0);
    expect(await failure(adapter.listDossiersOfCitizen(`${newcomer.niu}&curseur=x`))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await failure(adapter.findDossierByExternalReference('GUICHET-1', `../${newcomer.niu}`))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await failure(adapter.listChangedDossiers('2026-10-01T00:00:00Z&demandeur_niu=1'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await calls()).toEqual({});
  });

  it('sends an opaque cursor as one query value, never as extra parameters or a path', async () => {
    const adapter = createUrbanismeAdapter({ baseUrl: mitm.url, timeoutMs: 3_000 });
    const cursor = `../x?demandeur_niu=${permit.niu}&limite=1000#y`;
    // Urbanisme does not recognise it as one of its cursors: its own refusal, not another route's answer.
    expect(await failure(adapter.listApplications({ cursor, limit: 5 }))).toMatchObject({ code: 'BAD_USER_INPUT', operation: 'listerDossiers' });
    expect(mitm.received).toHaveLength(1);
    const sent = new URL(mitm.received[0]!.slice(4), 'http://x');
    expect(sent.pathname).toBe('/api/dossiers');
    expect([...sent.searchParams.keys()].sort()).toEqual(['curseur', 'limite']);
    expect(sent.searchParams.get('curseur')).toBe(cursor);
  });

  it('carries free text with markup, quotes, ]]>, separators and non-ASCII intact through the real Urbanisme', async () => {
    const adapter = createUrbanismeAdapter({ baseUrl: sim.url, timeoutMs: 3_000 });
    const input: BuildingPermitInput = {
      niu: newcomer.niu,
      landTitle: 'TF/../2012?x=1&y#654321',
      architectRegistration: 'ONAT-0108',
      communeCode: 'AGOE1',
      quarter: `Légbassito <b> & "Zongo" ]]> l’Église`,
      projectKind: 'SINGLE_HOUSE',
      floorAreaM2: 120,
      levels: 1,
      externalReference: `<x>&"']]>é’/../?a=b#c%2F`,
      documents: [],
    };
    const filed = await adapter.submitDossier(input);
    expect(filed).toMatchObject({ quarter: input.quarter, landTitle: input.landTitle, externalReference: input.externalReference });
    expect((await adapter.findDossierByExternalReference(input.externalReference, input.niu))?.reference).toBe(filed.reference);
    expect((await adapter.getApplication(filed.reference)).quarter).toBe(input.quarter);
  });
});

describe('Urbanisme adapter hygiene: response size', () => {
  const done = () => {
    let report: (bytes: number) => void = () => undefined;
    const bytes = new Promise<number>((resolve) => (report = resolve));
    return { bytes, onDone: (n: number) => report(n) };
  };

  it('an endless JSON answer is cut at maxResponseBytes → BAD_BACKEND_RESPONSE, having read only a little', async () => {
    const sent = done();
    mitm.use(endlessBody({ contentType: 'application/json', prefix: '{"statut":"ok","dossiers":[', filler: '{"numero":"PC-2026-000001"},', onDone: sent.onDone }));
    const adapter = createUrbanismeAdapter({ baseUrl: mitm.url, timeoutMs: 20_000, maxResponseBytes: 1_000_000 });
    expect(await failure(adapter.getDossiers([reference]))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE', retryable: false, message: expect.stringContaining('too large') });
    expect(await sent.bytes).toBeLessThan(20_000_000); // out of 200 MB offered
  });

  it('a gzip bomb is cut after inflating maxResponseBytes → BAD_BACKEND_RESPONSE', async () => {
    const sent = done();
    mitm.use(endlessBody({ contentType: 'application/json', prefix: '{"statut":"ok","dossiers":[', filler: ' ', gzip: true, maxBytes: 100_000_000, onDone: sent.onDone }));
    const adapter = createUrbanismeAdapter({ baseUrl: mitm.url, timeoutMs: 20_000, maxResponseBytes: 1_000_000 });
    expect(await failure(adapter.getApplication(reference))).toMatchObject({
      code: 'BAD_BACKEND_RESPONSE',
      retryable: false,
      operation: 'consulterDossier',
      message: expect.stringContaining('too large'),
    });
    await sent.bytes;
  });

  it('a real page larger than a small limit → BAD_BACKEND_RESPONSE; a smaller one passes', async () => {
    const adapter = createUrbanismeAdapter({ baseUrl: sim.url, timeoutMs: 3_000, maxResponseBytes: 10_000 });
    expect(await failure(adapter.listApplications({ limit: 100 }))).toMatchObject({ code: 'BAD_BACKEND_RESPONSE', operation: 'listerDossiers' });
    expect((await adapter.listApplications({ limit: 2 })).items).toHaveLength(2);
  });

  it('reads URBANISME_MAX_RESPONSE_BYTES (default 5 MB)', () => {
    expect(urbanismeAdapterOptionsFromEnv(urbanismeAdapterEnvSchema.parse({})).maxResponseBytes).toBe(5_000_000);
    expect(urbanismeAdapterOptionsFromEnv(urbanismeAdapterEnvSchema.parse({ URBANISME_MAX_RESPONSE_BYTES: '2000000' })).maxResponseBytes).toBe(2_000_000);
    expect(urbanismeAdapterEnvSchema.safeParse({ URBANISME_MAX_RESPONSE_BYTES: '-1' }).success).toBe(false);
  });
});
