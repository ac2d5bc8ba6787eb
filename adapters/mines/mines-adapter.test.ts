import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMinesConfig, seedMinesDossiers, startMinesSimulator, type DossierMines, type MinesSimulator } from '../../legacy/mines/index.js';
import { generateWorld, seededCompanies } from '../../legacy/world/index.js';
import { isAdapterError } from '../shared/index.js';
import { createMinesAdapter, minesProcedures, type MinesAdapter, type EnergyMinesApplicationInput } from './index.js';

const world = generateWorld({ seed: 7, scale: 0.05, now: '2026-11-01' });
const dossiers = seedMinesDossiers(world);
const referenceOf = (d: DossierMines) => `MEM-${d.NumeroDossier.replace('/', '-')}`;
const first = dossiers[0]!;
const newcomer = world.persons.find((p) => !dossiers.some((d) => d.NuiDemandeur === p.niu))!;
// An exploration permit: a company-only procedure, filed by its manager.
const procedure = minesProcedures[0]!;
const [company, otherCompany] = seededCompanies(world);
const manager = company!.representatives[0]!.niu;

let sim: MinesSimulator;
let adapter: MinesAdapter;
const setFaults = (faults: Record<string, unknown>) => fetch(`${sim.url}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
const input = (overrides: Partial<EnergyMinesApplicationInput> = {}): EnergyMinesApplicationInput => ({
  niu: manager,
  procedureCode: procedure.procedureCode,
  companyName: null,
  company: { nif: company!.nif, rccm: company!.rccm },
  communeCode: 'KOZAH1',
  locality: 'Kpéwa',
  substance: 'GOLD',
  areaHectares: 1_200,
  externalReference: 'GCH-TEST-ADAPTER-1',
  documents: [],
  ...overrides,
});
async function expectAdapterError(promise: Promise<unknown>, expected: Record<string, unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAdapterError(error), `expected an AdapterError, got ${String(error)}`).toBe(true);
  expect(error).toMatchObject({ system: 'mines', ...expected });
}

beforeAll(async () => {
  sim = await startMinesSimulator(readMinesConfig({ PORT: '0', SEED: '7', SCALE: '0.05', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
  adapter = createMinesAdapter({ baseUrl: sim.url, timeoutMs: 2_000, resilience: { retry: false, breaker: false } });
});
afterAll(() => sim.close());
beforeEach(() => fetch(`${sim.url}/__admin/reset`, { method: 'POST' }));

describe('Mines adapter — reading', () => {
  it('maps one dossier into the clean record (reference, Z instants, procedure, status)', async () => {
    const record = await adapter.getApplication(referenceOf(first));
    expect(record).toMatchObject({ reference: referenceOf(first), applicantNiu: first.NuiDemandeur, ministryStatusCode: first.CodeEtat, externalReference: null });
    expect(record.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    expect(record.history[0]?.status).toBe('SUBMITTED');
  });

  it('lists a citizen’s applications, and batches lookups (unknown ones absent)', async () => {
    const own = dossiers.filter((d) => d.NuiDemandeur === first.NuiDemandeur).map(referenceOf);
    expect((await adapter.listDossiersOfCitizen(first.NuiDemandeur)).map((r) => r.reference).sort()).toEqual(own.sort());
    const found = await adapter.getDossiers([referenceOf(first), 'MEM-1999-000001', 'not-a-reference']);
    expect([...found.keys()]).toEqual([referenceOf(first)]);
  });

  it('turns an unknown dossier into NOT_FOUND and a malformed reference into BAD_USER_INPUT', async () => {
    await expectAdapterError(adapter.getApplication('MEM-1999-000001'), { code: 'NOT_FOUND' });
    await expectAdapterError(adapter.getApplication('XX-1'), { code: 'BAD_USER_INPUT' });
  });

  it('reads the change feed from an ISO instant', async () => {
    const changed = await adapter.listChangedDossiers('2000-01-01T00:00:00Z');
    expect(changed).toHaveLength(dossiers.length);
  });
});

describe('Mines adapter — writing', () => {
  it('files an application, found again by its external reference', async () => {
    const created = await adapter.submitDossier(input());
    expect(created).toMatchObject({
      status: 'SUBMITTED',
      applicantNiu: manager,
      company: { nif: company!.nif, rccm: company!.rccm },
      companyName: company!.name,
      procedureCode: procedure.procedureCode,
      externalReference: 'GCH-TEST-ADAPTER-1',
      substance: 'GOLD',
      areaHectares: 1_200,
    });
    // SIGEM keeps an exploration permit in km²: 1 200 ha went out as 12.
    const stored = (await (await fetch(`${sim.url}/api/v2/dossiers?refExterne=GCH-TEST-ADAPTER-1`)).json()) as {
      Donnees: { Dossiers: { Superficie: number; UniteSuperficie: string; Substance: string }[] };
    };
    expect(stored.Donnees.Dossiers[0]).toMatchObject({ Superficie: 12, UniteSuperficie: 'KM2', Substance: 'OR' });
    expect((await adapter.findDossierByExternalReference('GCH-TEST-ADAPTER-1'))?.reference).toBe(created.reference);
    expect(await adapter.findDossierByExternalReference('GCH-NEVER')).toBeNull();
  });

  it('refuses, before any call, what the system would refuse', async () => {
    await expectAdapterError(adapter.submitDossier(input({ niu: '12' })), { code: 'BAD_USER_INPUT' });
    await expectAdapterError(adapter.submitDossier(input({ substance: null })), { code: 'BAD_USER_INPUT' });
    await expectAdapterError(adapter.submitDossier(input({ areaHectares: 60_000 })), { code: 'BAD_USER_INPUT' });
    await expectAdapterError(adapter.submitDossier(input({ procedureCode: 'URB-PERMIS-CONSTRUIRE' as EnergyMinesApplicationInput['procedureCode'] })), { code: 'BAD_USER_INPUT' });
    await expectAdapterError(adapter.submitDossier(input({ company: null })), { code: 'BAD_USER_INPUT', userMessage: expect.stringMatching(/réservée aux sociétés/) });
    await expectAdapterError(adapter.submitDossier(input({ company: { nif: '1000000017', rccm: company!.rccm } })), { code: 'BAD_USER_INPUT' });
    await expectAdapterError(adapter.submitDossier(input({ company: { nif: company!.nif, rccm: 'TG-LOM-2019-A-01234' } })), { code: 'BAD_USER_INPUT' });
    const calls = (await (await fetch(`${sim.url}/__admin/calls`)).json()) as Record<string, number>;
    expect(calls.deposerDossier).toBeUndefined();
  });

  it('maps SIGEM’s refusals of a company: unknown (BAD_USER_INPUT), or a filer without its mandate (FORBIDDEN), each with SIGEM’s French reason', async () => {
    await expectAdapterError(adapter.submitDossier(input({ company: { nif: company!.nif, rccm: otherCompany!.rccm }, externalReference: 'GCH-TEST-ADAPTER-2' })), {
      code: 'BAD_USER_INPUT',
      userMessage: expect.stringMatching(/Aucune société/),
    });
    await expectAdapterError(adapter.submitDossier(input({ niu: newcomer.niu, externalReference: 'GCH-TEST-ADAPTER-3' })), {
      code: 'FORBIDDEN',
      userMessage: expect.stringMatching(/ni le gérant ni un représentant/),
    });
  });
});

describe('Mines adapter — pieces (REST multipart)', () => {
  it('sends files to a dossier in one multipart POST, and lists what SIGEM holds, byte for byte', async () => {
    const reference = referenceOf(dossiers[1]!);
    expect(await adapter.listPieces(reference)).toEqual([]);
    const plan = Buffer.from('%PDF-1.7 plan de situation');
    const identity = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const sent = await adapter.sendPieces(reference, [
      { kind: 'SITE_PLAN', filename: 'site_plan.pdf', mediaType: 'application/pdf', bytes: plan },
      { kind: 'IDENTITY_DOCUMENT', filename: 'identity_document.jpg', mediaType: 'image/jpeg', bytes: identity },
    ]);
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(sent).toEqual([
      { kind: 'SITE_PLAN', filename: 'site_plan.pdf', mediaType: 'application/pdf', size: plan.length, sha256: sha(plan) },
      { kind: 'IDENTITY_DOCUMENT', filename: 'identity_document.jpg', mediaType: 'image/jpeg', size: identity.length, sha256: sha(identity) },
    ]);
    expect(await adapter.listPieces(reference)).toEqual(sent);
    // The dossier itself now lists them, in every read of it.
    expect((await adapter.getApplication(reference)).documents).toEqual(sent.map(({ kind, mediaType, size, sha256 }) => ({ kind, mediaType, size, sha256 })));
  });

  it('answers NOT_FOUND for the pieces of a dossier SIGEM does not know', async () => {
    await expectAdapterError(adapter.listPieces('MEM-2026-999999'), { code: 'NOT_FOUND' });
    await expectAdapterError(adapter.sendPieces('MEM-2026-999999', [{ kind: 'SITE_PLAN', filename: 'a.pdf', mediaType: 'application/pdf', bytes: Buffer.from('x') }]), { code: 'NOT_FOUND' });
  });
});

describe('Mines adapter — faults', () => {
  it('classifies an error inside a 200, a 500 and a 503 as the system’s failures', async () => {
    await setFaults({ errorIn200Rate: 1 });
    await expectAdapterError(adapter.getApplication(referenceOf(first)), { code: 'BACKEND_ERROR', retryable: true });
    await setFaults({ errorRate: 1 });
    await expectAdapterError(adapter.getApplication(referenceOf(first)), { code: 'BACKEND_ERROR' });
    await setFaults({ overloadRate: 1, retryAfterSeconds: 3 });
    await expectAdapterError(adapter.getApplication(referenceOf(first)), { code: 'BACKEND_UNAVAILABLE', retryAfterMs: 3_000 });
  });

  it('turns a malformed body into BAD_BACKEND_RESPONSE and a down system into BACKEND_UNAVAILABLE', async () => {
    await setFaults({ malformedRate: 1 });
    await expectAdapterError(adapter.getApplication(referenceOf(first)), { code: 'BAD_BACKEND_RESPONSE' });
    await setFaults({ down: true });
    await expectAdapterError(adapter.getApplication(referenceOf(first)), { code: 'BACKEND_UNAVAILABLE' });
  });
});
