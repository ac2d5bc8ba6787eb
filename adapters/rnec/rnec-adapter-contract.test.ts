import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRnecSimulator, type RunningRnecSimulator } from '../../legacy/rnec/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { createShadowEvents, isAdapterError, type ShadowEvent } from '../shared/index.js';
import { createRnecAdapter } from './rnec-adapter.js';
import type { RnecMode } from './strangler/index.js';
import type { RnecAdapter } from './types.js';
import { noFaults } from '../../legacy/shared/index.js';

/**
 * The adapter's contract, one body for every mode: each public operation gives the same clean records (or the
 * same error code) over SOAP v1, REST v2 and in shadow mode, for a sample of seeded NIUs with the edge cases.
 */
const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const world = generateWorld(worldOptions);
const married = world.persons.find((p) => p.spouseNiu !== null && world.acts.some((a) => a.kind === 'M' && a.persons.includes(p.niu)))!;
const deceased = world.persons.find((p) => p.deathDate !== null)!;
const applicant = world.copyRequests.find((r) => world.copyRequests.filter((o) => o.niu === r.niu).length > 1)!.niu;
const UNKNOWN = '000000000000';
const sampleNius = [married.niu, married.spouseNiu!, deceased.niu, applicant, UNKNOWN];
const batchOf50 = [...world.persons.slice(0, 49).map((p) => p.niu), UNKNOWN];
const marriageAct = world.acts.find((a) => a.kind === 'M' && a.persons.includes(married.niu))!.number;
const actNumbers = [marriageAct, married.birthActNumber, deceased.birthActNumber, 'N-GOLFE1-1900-000000', 'pas-un-acte'];
const references = [...world.copyRequests.slice(0, 30).map((r) => `RNEC-${r.number.slice(3)}`), 'RNEC-1900-000000', 'CEET-2026-000001'];

/** An answer or the code of the error: what the contract compares. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await call();
    return value instanceof Map ? Object.fromEntries([...value.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)))) : value;
  } catch (error) {
    return { error: isAdapterError(error) ? error.code : String(error) };
  }
}

/** Every read operation over the sample; lists of a set are sorted so that order means nothing. */
async function readEverything(adapter: RnecAdapter): Promise<Record<string, unknown>> {
  const byKey = <T extends { reference?: string; number?: string }>(list: unknown) =>
    Array.isArray(list) ? [...(list as T[])].sort((a, b) => (a.reference ?? a.number ?? '').localeCompare(b.reference ?? b.number ?? '')) : list;
  const out: Record<string, unknown> = {};
  for (const niu of sampleNius) {
    out[`getCitizen ${niu}`] = await outcome(() => adapter.getCitizen(niu));
    out[`listActs ${niu}`] = byKey(await outcome(() => adapter.listActs(niu)));
    out[`listCopyRequests ${niu}`] = byKey(await outcome(() => adapter.listCopyRequests(niu)));
  }
  out['getCitizen malformed'] = await outcome(() => adapter.getCitizen('12-34'));
  out['getCitizens batch of 50'] = await outcome(() => adapter.getCitizens(batchOf50));
  out['getCitizens 120'] = await outcome(() => adapter.getCitizens(world.persons.slice(50, 170).map((p) => p.niu)));
  for (const number of actNumbers) out[`getAct ${number}`] = await outcome(() => adapter.getAct(number));
  out.getActs = await outcome(() => adapter.getActs(actNumbers));
  for (const reference of references.slice(-4)) out[`getCopyRequest ${reference}`] = await outcome(() => adapter.getCopyRequest(reference));
  out.getCopyRequests = await outcome(() => adapter.getCopyRequests(references));
  out['findCopyRequestByExternalReference unknown'] = await outcome(() => adapter.findCopyRequestByExternalReference('CONTRAT-INCONNU'));
  out.listChangedCopyRequests = byKey(await outcome(() => adapter.listChangedCopyRequests('2026-06-01T00:00:00Z')));
  out['listChangedCopyRequests bad instant'] = await outcome(() => adapter.listChangedCopyRequests('hier'));
  return out;
}

const modes: readonly RnecMode[] = ['soap', 'rest', 'shadow'];
let rnec: RunningRnecSimulator;
let reference: Record<string, unknown>;
const events = createShadowEvents();
const seen: ShadowEvent[] = [];
events.subscribe((event) => seen.push(event));

const adapterIn = (mode: RnecMode, shadowPrimary: 'soap' | 'rest' = 'soap') =>
  createRnecAdapter({ url: rnec.url, timeoutMs: 3_000, routing: { mode, shadowPrimary, shadowTimeoutMs: 3_000, shadowMaxInFlight: 64 }, shadowEvents: events });

beforeAll(async () => {
  rnec = await startRnecSimulator({ host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } });
  // The reference: what SOAP v1 (the path in production) answers today.
  reference = await readEverything(adapterIn('soap'));
});
afterAll(() => rnec.close());

describe.each(modes)('RNEC adapter contract, RNEC_MODE=%s', (mode) => {
  it('every read operation answers exactly as SOAP does, edge cases included', async () => {
    // SOAP's answers now (the other modes' writes changed the register since beforeAll), then this mode's.
    const expected = await readEverything(adapterIn('soap'));
    const answers = await readEverything(adapterIn(mode));
    expect(Object.keys(answers)).toEqual(Object.keys(expected));
    for (const key of Object.keys(expected)) expect({ [key]: answers[key] }).toEqual({ [key]: expected[key] });
    // The sample really holds the edge cases.
    expect(reference[`getCitizen ${UNKNOWN}`]).toEqual({ error: 'NOT_FOUND' });
    expect(Object.keys(reference['getCitizens batch of 50'] as object)).toHaveLength(49);
    expect((reference[`listActs ${married.niu}`] as { kind: string }[]).map((a) => a.kind)).toContain('MARRIAGE');
    expect((reference[`listCopyRequests ${applicant}`] as unknown[]).length).toBeGreaterThan(1);
    expect(reference['getCitizen malformed']).toEqual({ error: 'BAD_USER_INPUT' });
  });

  it('files a copy request once, readable the same way over both APIs', async () => {
    const adapter = adapterIn(mode);
    const before = await rnecCalls();
    const filed = await adapter.requestCopy({ niu: married.niu, actNumber: marriageAct, copies: 2, externalReference: `CONTRACT-${mode}` });
    const after = await rnecCalls();
    // One write, on one API (in shadow mode: the primary's), never two.
    const writes = (after.DemanderCopieActe ?? 0) - (before.DemanderCopieActe ?? 0) + (after['v2.demanderCopieActe'] ?? 0) - (before['v2.demanderCopieActe'] ?? 0);
    expect(writes).toBe(1);
    expect(filed).toMatchObject({ applicantNiu: married.niu, actNumber: marriageAct, copies: 2, status: 'SUBMITTED', externalReference: `CONTRACT-${mode}`, procedureCode: 'RNEC-COPIE-MARIAGE' });
    for (const other of modes) {
      expect(await adapterIn(other).getCopyRequest(filed.reference)).toEqual(filed);
      expect(await adapterIn(other).findCopyRequestByExternalReference(`CONTRACT-${mode}`)).toEqual(filed);
    }
  });
});

describe('shadow mode over the real simulator', () => {
  it('compares every shadowed read and finds no difference between SOAP and REST', async () => {
    seen.length = 0;
    await readEverything(adapterIn('shadow'));
    await readEverything(adapterIn('shadow', 'rest'));
    // One comparison per adapter call: as many as readEverything's answers, twice.
    await waitFor(() => seen.length >= 2 * Object.keys(reference).length);
    expect(seen).toHaveLength(2 * Object.keys(reference).length);
    expect(seen.filter((e) => e.result !== 'match')).toEqual([]);
    expect(new Set(seen.map((e) => e.primary))).toEqual(new Set(['soap', 'rest']));
  });

  it('under a fault injected in v2 only, answers stay correct and a secondary_error is counted', async () => {
    seen.length = 0;
    await admin('PUT', '/__admin/faults', { errorRate: 1, operations: ['v2.consulterPersonne', 'v2.listerActes'] });
    try {
      const shadow = adapterIn('shadow');
      expect(await shadow.getCitizen(married.niu)).toEqual(reference[`getCitizen ${married.niu}`]);
      expect(await shadow.listActs(married.niu)).toEqual(expect.arrayContaining(reference[`listActs ${married.niu}`] as unknown[]));
      await waitFor(() => seen.length >= 2);
      expect(seen.map((e) => [e.operation, e.result, e.code])).toEqual([
        ['getCitizen', 'secondary_error', 'BACKEND_ERROR'],
        ['listActs', 'secondary_error', 'BACKEND_ERROR'],
      ]);
    } finally {
      await admin('POST', '/__admin/reset');
    }
  });
});

async function admin(method: string, path: string, body?: unknown): Promise<Record<string, number>> {
  const response = await fetch(`${rnec.baseUrl}${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  return response.json() as Promise<Record<string, number>>;
}

const rnecCalls = () => admin('GET', '/__admin/calls');

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!done()) throw new Error('timed out waiting for shadow comparisons');
}
