import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readUrbanismeConfig, startUrbanismeSimulator, type UrbanismeSimulator } from '../../legacy/urbanisme/index.js';
import { generateWorld, type PermitApplication } from '../../legacy/world/index.js';
import { isAdapterError } from '../shared/index.js';
import { createUrbanismeAdapter, type BuildingPermitInput, type UrbanismeAdapter } from './index.js';

// Seed 15 at this scale has a dossier at every one of Urbanisme's eight stages.
const worldOptions = { seed: 15, scale: 0.02, now: '2026-11-01' };
const world = generateWorld(worldOptions);
const permits = world.permitApplications;
const referenceOf = (p: PermitApplication) => p.numero.replace(/^PC-/, 'URB-');
const atStage = (stage: string) => permits.find((p) => p.history.at(-1)?.status === stage)!;
const newcomer = world.persons.find((p) => !permits.some((a) => a.niu === p.niu))!;

let sim: UrbanismeSimulator;
let adapter: UrbanismeAdapter;
const admin = (path: string, method: string) => fetch(`${sim.url}/__admin/${path}`, { method }).then((r) => r.json() as Promise<Record<string, number>>);
const input = (overrides: Partial<BuildingPermitInput> = {}): BuildingPermitInput => ({
  niu: newcomer.niu,
  landTitle: 'TF-2012-654321',
  architectRegistration: 'ONAT-0108',
  communeCode: 'AGOE1',
  quarter: 'Légbassito',
  projectKind: 'BUILDING_R2',
  floorAreaM2: 420,
  levels: 3,
  externalReference: 'GUICHET-0001',
  documents: [],
  ...overrides,
});
async function expectAdapterError(promise: Promise<unknown>, expected: Record<string, unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAdapterError(error), `expected an AdapterError, got ${String(error)}`).toBe(true);
  expect(error).toMatchObject({ system: 'urbanisme', ...expected });
}

beforeAll(async () => {
  sim = await startUrbanismeSimulator(readUrbanismeConfig({ PORT: '0', SEED: '15', SCALE: '0.02', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
  adapter = createUrbanismeAdapter({ baseUrl: sim.url, timeoutMs: 2_000 });
});
afterAll(() => sim.close());
beforeEach(() => admin('reset', 'POST'));

describe('Urbanisme adapter — reading', () => {
  it('maps one dossier into the clean record (references, Z instants, project kind, procedure)', async () => {
    const permit = atStage('DELIVRE');
    const record = await adapter.getApplication(referenceOf(permit));
    expect(record).toMatchObject({
      reference: referenceOf(permit),
      applicantNiu: permit.niu,
      status: 'APPROVED',
      ministryStatus: 'Permis délivré',
      ministryStatusCode: 'DELIVRE',
      nextAction: 'Retirer le permis de construire à la direction régionale de l’urbanisme',
      procedureCode: 'URB-PERMIS-CONSTRUIRE',
      submittedAt: permit.history[0]!.at,
      updatedAt: permit.history.at(-1)!.at,
      landTitle: permit.landTitle,
      architectRegistration: permit.architectRegistration,
      architectName: permit.architectName,
      communeCode: permit.commune,
      quarter: permit.quarter,
      floorAreaM2: permit.floorAreaM2,
      levels: permit.levels,
      externalReference: null,
      missingDocuments: [],
    });
    expect(record.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(record.history.map((s) => s.at)).toEqual(permit.history.map((s) => s.at));
    expect(record.history[0]).toEqual({ status: 'SUBMITTED', ministryStatus: 'Dossier déposé', at: permit.history[0]!.at });
  });

  it.each([
    ['DEPOT', 'SUBMITTED', 'Dossier déposé'],
    ['RECEVABILITE', 'IN_PROGRESS', 'Examen de recevabilité'],
    ['INSTRUCTION_TECHNIQUE', 'IN_PROGRESS', 'Instruction technique'],
    ['AVIS_COMMISSION', 'IN_PROGRESS', 'Avis de la commission'],
    ['SIGNATURE', 'IN_PROGRESS', 'À la signature'],
    ['DELIVRE', 'APPROVED', 'Permis délivré'],
    ['REJETE', 'REJECTED', 'Dossier rejeté'],
    ['PIECES_MANQUANTES', 'ACTION_REQUIRED', 'Pièces manquantes'],
  ])('maps stage %s to %s « %s »', async (stage, status, label) => {
    const record = await adapter.getApplication(referenceOf(atStage(stage)));
    expect(record).toMatchObject({ status, ministryStatus: label, ministryStatusCode: stage });
  });

  it('asks the applicant for the missing documents, and forgets a stale list once they were received', async () => {
    const waiting = atStage('PIECES_MANQUANTES');
    const record = await adapter.getApplication(referenceOf(waiting));
    expect(record.missingDocuments).toEqual(waiting.missingDocuments);
    expect(record.nextAction).toBe(`Fournir les pièces manquantes : ${waiting.missingDocuments.join(', ')}`);
    const past = permits.find((p) => p.missingDocuments.length > 0 && p.history.at(-1)?.status === 'DELIVRE')!;
    expect((await adapter.getApplication(referenceOf(past))).missingDocuments).toEqual([]);
  });

  it('maps nature_projet to the project kind', async () => {
    const kinds = { MAISON_INDIVIDUELLE: 'SINGLE_HOUSE', 'IMMEUBLE_R+1': 'BUILDING_R1', 'IMMEUBLE_R+2': 'BUILDING_R2', COMMERCE: 'COMMERCIAL', CLOTURE: 'FENCE' } as const;
    const samples = Object.keys(kinds).map((nature) => permits.find((p) => p.projectKind === nature)!);
    const found = await adapter.getDossiers(samples.map(referenceOf));
    for (const permit of samples) expect(found.get(referenceOf(permit))?.projectKind).toBe(kinds[permit.projectKind]);
  });

  it('turns DOSSIER_INTROUVABLE (in a 200) into NOT_FOUND, and a malformed reference into BAD_USER_INPUT without a call', async () => {
    await expectAdapterError(adapter.getApplication('URB-1999-999999'), { code: 'NOT_FOUND', operation: 'consulterDossier', retryable: false });
    await expectAdapterError(adapter.getApplication('CEET-2026-000001'), { code: 'BAD_USER_INPUT', userMessage: expect.stringContaining('URB-') });
    expect(await admin('calls', 'GET')).toEqual({ consulterDossier: 1 });
  });

  it('lists a citizen’s applications', async () => {
    const niu = permits.find((p) => permits.filter((q) => q.niu === p.niu).length > 1)!.niu;
    const records = await adapter.listDossiersOfCitizen(niu);
    expect(records.map((r) => r.reference)).toEqual(permits.filter((p) => p.niu === niu).map(referenceOf));
    expect(await adapter.listDossiersOfCitizen('000000000000')).toEqual([]);
    await expectAdapterError(adapter.listDossiersOfCitizen('12345'), { code: 'BAD_USER_INPUT', userMessage: 'Le NIU doit comporter 12 chiffres.' });
  });

  it('pages the agents’ worklist with Urbanisme’s cursors', async () => {
    const first = await adapter.listApplications({ limit: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.totalCount).toBeGreaterThanOrEqual(permits.length);
    const second = await adapter.listApplications({ cursor: first.nextCursor!, limit: 50 });
    expect(second.items.map((r) => r.reference)).toEqual(permits.slice(50, 100).map(referenceOf));
    expect((await adapter.listApplications({ limit: 500 })).items).toHaveLength(100); // Urbanisme's maximum
    await expectAdapterError(adapter.listApplications({ cursor: 'garbage', limit: 10 }), { code: 'BAD_USER_INPUT', userMessage: 'Curseur invalide.' });
  });
});

describe('Urbanisme adapter — batching', () => {
  it('fetches 20 references in one call, deduped, leaving unknown and malformed ones out', async () => {
    const references = permits.slice(0, 19).map(referenceOf);
    const found = await adapter.getDossiers([...references, references[0]!, 'URB-1999-000001', 'nonsense']);
    expect([...found.keys()].sort()).toEqual([...references].sort());
    expect(await admin('calls', 'GET')).toEqual({ consulterDossiersParNumeros: 1 });
  });

  it('splits 45 references into 3 calls', async () => {
    const references = permits.slice(0, 45).map(referenceOf);
    const found = await adapter.getDossiers(references);
    expect(found.size).toBe(45);
    expect(await admin('calls', 'GET')).toEqual({ consulterDossiersParNumeros: 3 });
    expect(await adapter.getDossiers([])).toEqual(new Map());
  });
});

describe('Urbanisme adapter — filing', () => {
  it('submits once (never retried), then reconciles by external reference by listing the applicant’s dossiers', async () => {
    const record = await adapter.submitDossier(input({ externalReference: 'GUICHET-reconcile' }));
    expect(record).toMatchObject({
      status: 'SUBMITTED',
      ministryStatusCode: 'DEPOT',
      projectKind: 'BUILDING_R2',
      applicantNiu: newcomer.niu,
      externalReference: 'GUICHET-reconcile',
      architectName: expect.any(String),
    });
    expect(record.reference).toMatch(/^URB-\d{4}-\d{6}$/);
    expect(await adapter.findDossierByExternalReference('GUICHET-reconcile', newcomer.niu)).toEqual(record);
    expect(await adapter.findDossierByExternalReference('GUICHET-never-sent', newcomer.niu)).toBeNull();
    expect(await admin('calls', 'GET')).toEqual({ deposerDossier: 1, listerDossiers: 2 });
  });

  it.each([
    ['ARCHITECTE_NON_INSCRIT', { architectRegistration: 'ONAT-9999' }, 'n’est pas inscrit'],
    ['PARAMETRE_INVALIDE', { communeCode: 'PARIS' }, 'commune'],
  ])('maps Urbanisme’s %s to BAD_USER_INPUT with its French message', async (_, overrides, fragment) => {
    await expectAdapterError(adapter.submitDossier(input(overrides)), { code: 'BAD_USER_INPUT', operation: 'deposerDossier', userMessage: expect.stringContaining(fragment) });
    expect(await admin('calls', 'GET')).toEqual({ deposerDossier: 1 });
  });

  it.each([
    [{ niu: '12' }, 'Le NIU doit comporter 12 chiffres.'],
    [{ landTitle: ' ' }, 'Le numéro du titre foncier est obligatoire.'],
    [{ architectRegistration: '' }, 'Le numéro d’inscription de l’architecte à l’Ordre est obligatoire.'],
    [{ floorAreaM2: -1 }, 'La surface de plancher doit être un nombre positif ou nul.'],
    [{ levels: 0 }, 'Le nombre de niveaux doit être un entier entre 1 et 20.'],
    [{ levels: 21 }, 'Le nombre de niveaux doit être un entier entre 1 et 20.'],
  ])('refuses %o before calling Urbanisme', async (overrides, userMessage) => {
    await expectAdapterError(adapter.submitDossier(input(overrides)), { code: 'BAD_USER_INPUT', userMessage });
    expect(await admin('calls', 'GET')).toEqual({});
  });

  it('follows every cursor page of an applicant with more than 100 dossiers', async () => {
    const niu = world.persons.filter((p) => p.niu !== newcomer.niu && !permits.some((a) => a.niu === p.niu))[0]!.niu;
    for (let i = 0; i < 101; i += 1) await adapter.submitDossier(input({ niu, externalReference: `GUICHET-bulk-${i}` }));
    await admin('calls', 'DELETE');
    const records = await adapter.listDossiersOfCitizen(niu);
    expect(records).toHaveLength(101);
    expect(new Set(records.map((r) => r.reference)).size).toBe(101);
    expect(await admin('calls', 'GET')).toEqual({ listerDossiers: 2 });
    expect((await adapter.findDossierByExternalReference('GUICHET-bulk-100', niu))?.externalReference).toBe('GUICHET-bulk-100');
  });
});

describe('Urbanisme adapter — change feed', () => {
  it('lists what changed after a date, including new filings', async () => {
    const since = '2026-10-01T00:00:00Z';
    const before = new Date(Date.now() - 1_000).toISOString();
    const filed = await adapter.submitDossier(input({ externalReference: 'GUICHET-feed' }));
    const changed = await adapter.listChangedDossiers(since);
    const seeded = permits.filter((p) => Date.parse(p.history.at(-1)!.at) > Date.parse(since)).map(referenceOf);
    expect(seeded.length).toBeGreaterThan(0);
    expect(changed.map((r) => r.reference)).toEqual(expect.arrayContaining([...seeded, filed.reference]));
    expect(changed.every((r) => r.updatedAt > since)).toBe(true);
    expect((await adapter.listChangedDossiers(before)).map((r) => r.reference)).toContain(filed.reference);
    await expectAdapterError(adapter.listChangedDossiers('hier'), { code: 'BAD_USER_INPUT' });
  });
});

describe('Urbanisme adapter — pieces (REST multipart)', () => {
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const plans = Buffer.from('%PDF-1.7 plans de l’architecte');
  const title = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

  it('sends files to a dossier in one multipart POST, and lists what Urbanisme holds, byte for byte', async () => {
    const reference = referenceOf(permits[1]!);
    expect(await adapter.listPieces(reference)).toEqual([]);
    const sent = await adapter.sendPieces(reference, [
      { kind: 'ARCHITECT_PLANS', filename: 'architect_plans.pdf', mediaType: 'application/pdf', bytes: plans },
      { kind: 'LAND_TITLE', filename: 'land_title.png', mediaType: 'image/png', bytes: title },
    ]);
    expect(sent).toEqual([
      { kind: 'ARCHITECT_PLANS', filename: 'architect_plans.pdf', mediaType: 'application/pdf', size: plans.length, sha256: sha(plans) },
      { kind: 'LAND_TITLE', filename: 'land_title.png', mediaType: 'image/png', size: title.length, sha256: sha(title) },
    ]);
    expect(await adapter.listPieces(reference)).toEqual(sent);
    expect(await admin('calls', 'GET')).toEqual({ listerPieces: 2, deposerPieces: 1 });
    // The dossier itself now lists them, in every read of it (one, a batch).
    const held = sent.map(({ kind, mediaType, size, sha256 }) => ({ kind, mediaType, size, sha256 }));
    expect((await adapter.getApplication(reference)).documents).toEqual(held);
    expect((await adapter.getDossiers([reference])).get(reference)?.documents).toEqual(held);
  });

  it('keeps a file sent twice, as Urbanisme does: a caller that must not duplicate lists first', async () => {
    const reference = referenceOf(permits[2]!);
    const file = { kind: 'WORKS_ESTIMATE', filename: 'works_estimate.pdf', mediaType: 'application/pdf', bytes: plans };
    await adapter.sendPieces(reference, [file]);
    expect((await adapter.sendPieces(reference, [file])).map((p) => p.sha256)).toEqual([sha(plans), sha(plans)]);
  });

  it('does not retry a send that failed (not idempotent), and answers NOT_FOUND for an unknown dossier', async () => {
    const file = { kind: 'LAND_TITLE', filename: 'a.pdf', mediaType: 'application/pdf', bytes: plans };
    await fetch(`${sim.url}/__admin/faults`, { method: 'PUT', body: JSON.stringify({ errorRate: 1, operations: ['deposerPieces'] }) });
    await expectAdapterError(adapter.sendPieces(referenceOf(permits[3]!), [file]), { code: 'BACKEND_ERROR' });
    expect((await admin('calls', 'GET')).deposerPieces).toBe(1);
    await admin('reset', 'POST');
    await expectAdapterError(adapter.listPieces('URB-2026-999999'), { code: 'NOT_FOUND', operation: 'listerPieces' });
    await expectAdapterError(adapter.sendPieces('URB-2026-999999', [file]), { code: 'NOT_FOUND', operation: 'deposerPieces' });
  });
});
