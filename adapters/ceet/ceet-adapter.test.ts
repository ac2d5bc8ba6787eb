import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCeetSimulatorConfig, startCeetSimulator, type CeetSimulator, type Demande } from '../../legacy/ceet/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { formatFcfa, isAdapterError, type AdapterError } from '../shared/index.js';
import { createCeetAdapter } from './create-ceet-adapter.js';
import { readCeetAdapterOptions } from './options.js';
import type { CeetAdapter, ElectricityRequestInput } from './types.js';

const world = generateWorld({ seed: 11, scale: 0.02, now: '2026-11-01' });
const requests = world.electricityRequests;
const countByNiu = new Map<string, number>();
for (const r of requests) countByNiu.set(r.niu, (countByNiu.get(r.niu) ?? 0) + 1);
const [busyNiu = '', busyCount = 0] = [...countByNiu.entries()].find(([, n]) => n >= 2) ?? [];
const quoted = requests.find((r) => r.history.at(-1)?.status === 30 && (r.quoteAmountFcfa ?? 0) >= 100_000) ?? requests.find((r) => r.history.at(-1)?.status === 30);
const tri = requests.find((r) => r.meterType === 'TRI');
const input: ElectricityRequestInput = {
  niu: '900000000001',
  meterType: 'THREE_PHASE',
  communeCode: 'GOLFE1',
  quarter: ' Bè ',
  landTitle: 'TF-2001-000123',
  applianceCount: 12,
  externalReference: 'GUI-A-1',
  documents: [],
};

let sim: CeetSimulator;
let ceet: CeetAdapter;
const admin = (path: string, method = 'GET') => fetch(`${sim.url}/__admin/${path}`, { method }).then((r) => r.json() as Promise<Record<string, number>>);
async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw error;
  return error;
}
/** Alters one stored request in CEET's own shape for the test, then puts it back. */
async function withDemande(numero: string, change: Partial<Demande>, test: () => Promise<void>): Promise<void> {
  const demande = sim.store.get(numero);
  if (!demande) throw new Error(`no ${numero}`);
  const saved = { ...demande };
  Object.assign(demande, change);
  try {
    await test();
  } finally {
    Object.assign(demande, saved);
  }
}

beforeAll(async () => {
  const env = { PORT: '0', SEED: '11', SCALE: '0.02', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0', CEET_API_KEY: 'k' };
  sim = await startCeetSimulator(readCeetSimulatorConfig(env));
  ceet = createCeetAdapter({ baseUrl: sim.url, apiKey: 'k', timeoutMs: 2_000 });
});
afterAll(() => sim.close());
beforeEach(() => admin('reset', 'POST'));

describe('CEET adapter: reads and CEET’s quirks', () => {
  it('maps a request with a quote: spaced amount → integer, local time → ISO, 30 → ACTION_REQUIRED with what to pay', async () => {
    if (!quoted?.quoteAmountFcfa) throw new Error('no request awaiting payment in the seeded world');
    const record = await ceet.getRequest(`CEET-${quoted.numero}`);
    expect(record).toMatchObject({
      reference: `CEET-${quoted.numero}`,
      applicantNiu: quoted.niu,
      status: 'ACTION_REQUIRED',
      ministryStatus: 'Devis émis',
      ministryStatusCode: '30',
      submittedAt: quoted.history[0]?.at,
      updatedAt: quoted.history.at(-1)?.at,
      quoteAmountFcfa: quoted.quoteAmountFcfa,
      filingFeeFcfa: 1_500,
      nextAction: `Payer le devis de ${formatFcfa(quoted.quoteAmountFcfa)}`,
      procedureCode: 'CEET-RACCORDEMENT-BT',
      communeCode: quoted.commune,
      quarter: quoted.quarter,
      applianceCount: quoted.applianceCount,
    });
    expect(record.history.map((s) => s.at)).toEqual(quoted.history.map((s) => s.at));
    expect(record.history[0]).toEqual({ status: 'SUBMITTED', ministryStatus: 'Demande déposée', at: quoted.history[0]?.at });
  });

  it('maps MONO/TRI to SINGLE_PHASE/THREE_PHASE', async () => {
    const mono = requests.find((r) => r.meterType === 'MONO');
    expect((await ceet.getRequest(`CEET-${mono?.numero}`)).meterType).toBe('SINGLE_PHASE');
    expect((await ceet.getRequest(`CEET-${tri?.numero}`)).meterType).toBe('THREE_PHASE');
  });

  it.each([
    [10, 'SUBMITTED', 'Demande déposée', null],
    [20, 'IN_PROGRESS', 'Visite technique programmée', null],
    [30, 'ACTION_REQUIRED', 'Devis émis', 'Payer le devis de 125 000 FCFA'],
    [40, 'IN_PROGRESS', 'Devis payé', null],
    [50, 'IN_PROGRESS', 'Inspection de conformité', null],
    [60, 'IN_PROGRESS', 'Travaux de branchement programmés', null],
    [70, 'COMPLETED', 'Mise en service', null],
    [90, 'REJECTED', 'Demande rejetée', null],
  ] as const)('maps status code %i to %s “%s”', async (statut, status, label, nextAction) => {
    const numero = requests[0]?.numero ?? '';
    await withDemande(numero, { statut, montantDevis: '125 000' }, async () => {
      expect(await ceet.getRequest(`CEET-${numero}`)).toMatchObject({ status, ministryStatus: label, ministryStatusCode: String(statut), nextAction });
    });
  });

  it.each<[string, Partial<Demande>]>([
    ['an unknown status code', { statut: 35 as Demande['statut'] }],
    ['a garbage amount', { montantDevis: '12O 000' }],
    ['an impossible timestamp', { dateMaj: '2026-02-30 10:00:00' }],
    ['an ISO timestamp where CEET sends local time', { dateDepot: '2026-03-02T10:00:00Z' }],
    ['an unknown meter type', { typeCompteur: 'BI' as Demande['typeCompteur'] }],
  ])('rejects %s as BAD_BACKEND_RESPONSE', async (_, change) => {
    const numero = requests[1]?.numero ?? '';
    await withDemande(numero, change, async () => {
      expect((await rejection(ceet.getRequest(`CEET-${numero}`))).code).toBe('BAD_BACKEND_RESPONSE');
    });
  });

  it('answers NOT_FOUND for an unknown reference and BAD_USER_INPUT for a malformed one, without calling CEET', async () => {
    expect(await rejection(ceet.getRequest('CEET-1999-999999'))).toMatchObject({ code: 'NOT_FOUND', operation: 'consulterDemande' });
    await admin('calls', 'DELETE');
    for (const bad of ['URB-2026-000001', '2026-000001', 'CEET-2026-1']) expect((await rejection(ceet.getRequest(bad))).code).toBe('BAD_USER_INPUT');
    expect(await admin('calls')).toEqual({});
  });

  it('lists a citizen’s requests, and the agents’ worklist page by page', async () => {
    const own = await ceet.listDossiersOfCitizen(busyNiu);
    expect(own).toHaveLength(busyCount);
    expect(own.every((r) => r.applicantNiu === busyNiu)).toBe(true);
    expect(await ceet.listDossiersOfCitizen('111111111111')).toEqual([]);
    const page = await ceet.listRequests({ page: 2, pageSize: 10 });
    expect(page.totalCount).toBe(requests.length);
    expect(page.items).toHaveLength(10);
    expect((await rejection(ceet.listRequests({ page: 0, pageSize: 500 }))).code).toBe('BAD_USER_INPUT');
    expect((await rejection(ceet.listDossiersOfCitizen('12'))).userMessage).toBe('Le NIU doit comporter 12 chiffres.');
  });

  it('follows every page of a citizen with more than 50 requests', async () => {
    const niu = '900000000050';
    for (let i = 0; i < 53; i += 1)
      sim.store.create({ niuDemandeur: niu, typeCompteur: 'MONO', commune: 'GOLFE2', quartier: 'Tokoin', titreFoncier: null, nombreAppareils: 4, referenceExterne: null });
    await admin('calls', 'DELETE');
    const all = await ceet.listDossiersOfCitizen(niu);
    expect(new Set(all.map((r) => r.reference)).size).toBe(53);
    expect(await admin('calls')).toEqual({ listerDemandes: 2 });
  });

  it('batches lookups by 20: one call for 20 references, three for 45; duplicates once, unknown ones absent', async () => {
    const twenty = requests.slice(0, 20).map((r) => `CEET-${r.numero}`);
    await admin('calls', 'DELETE');
    const found = await ceet.getDossiers([...twenty, ...twenty.slice(0, 5)]);
    expect([...found.keys()].sort()).toEqual([...twenty].sort());
    expect(await admin('calls')).toEqual({ consulterDemandesParNumeros: 1 });

    const fortyFive = [...requests.slice(20, 64).map((r) => `CEET-${r.numero}`), 'CEET-1999-000001'];
    await admin('calls', 'DELETE');
    const more = await ceet.getDossiers(fortyFive);
    expect(more.size).toBe(44);
    expect(more.has('CEET-1999-000001')).toBe(false);
    expect(more.get(fortyFive[0] ?? '')?.reference).toBe(fortyFive[0]);
    expect(await admin('calls')).toEqual({ consulterDemandesParNumeros: 3 });
    expect((await ceet.getDossiers([])).size).toBe(0);
  });

  it('reports its health, and treats a refused API key as a non-retryable BACKEND_ERROR', async () => {
    expect(await ceet.checkHealth()).toBe(true);
    const wrongKey = createCeetAdapter({ baseUrl: sim.url, apiKey: 'wrong' });
    expect(await rejection(wrongKey.getRequest(`CEET-${requests[0]?.numero}`))).toMatchObject({ code: 'BACKEND_ERROR', retryable: false });
  });

  it('reads its options from the environment with local defaults', () => {
    expect(readCeetAdapterOptions({})).toEqual({
      baseUrl: 'http://127.0.0.1:4202',
      apiKey: 'dev-ceet-key',
      timeoutMs: 3_000,
      maxConcurrency: 4,
      maxResponseBytes: 5_000_000,
      resilience: {
        deadlineMs: 8_000,
        retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 },
        breaker: { mode: 'consecutive', threshold: 5, halfOpenAfterMs: 10_000 },
        bulkhead: { limit: 32, queue: 64 },
      },
    });
    expect(readCeetAdapterOptions({ CEET_URL: 'http://ceet:8080', CEET_TIMEOUT_MS: '500' })).toMatchObject({ baseUrl: 'http://ceet:8080', timeoutMs: 500 });
    expect(() => readCeetAdapterOptions({ CEET_URL: 'ceet' })).toThrow(/CEET_URL/);
  });
});

describe('CEET adapter: filing, reconciliation and the change feed', () => {
  it('files a request and maps CEET’s answer', async () => {
    const record = await ceet.submitDossier(input);
    expect(record).toMatchObject({
      status: 'SUBMITTED',
      ministryStatusCode: '10',
      applicantNiu: input.niu,
      meterType: 'THREE_PHASE',
      quarter: 'Bè',
      externalReference: 'GUI-A-1',
      quoteAmountFcfa: null,
      nextAction: null,
    });
    expect(record.reference).toMatch(/^CEET-\d{4}-\d{6}$/);
    expect(Math.abs(Date.parse(record.submittedAt) - Date.now())).toBeLessThan(5_000);
  });

  it('refuses bad input before calling CEET, with every problem in French', async () => {
    await admin('calls', 'DELETE');
    const error = await rejection(ceet.submitDossier({ ...input, niu: 'abc', applianceCount: 0, quarter: '  ' }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.userMessage).toBe('Le NIU doit comporter 12 chiffres. Le quartier est obligatoire. Indiquez au moins un appareil.');
    expect(await admin('calls')).toEqual({});
  });

  it('turns CEET’s own rejection (422) into BAD_USER_INPUT carrying its message', async () => {
    const error = await rejection(ceet.submitDossier({ ...input, communeCode: 'PARIS' }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', operation: 'creerDemande', retryable: false });
    expect(error.userMessage).toBe('Données invalides : commune (code de commune inconnu).');
  });

  it('reconciles by external reference: a retried POST files twice, the first filing is the one found', async () => {
    expect(await ceet.findDossierByExternalReference('GUI-NEVER')).toBeNull();
    const first = await ceet.submitDossier({ ...input, externalReference: 'GUI-RETRY' });
    const second = await ceet.submitDossier({ ...input, externalReference: 'GUI-RETRY' });
    expect(second.reference).not.toBe(first.reference);
    expect((await ceet.findDossierByExternalReference('GUI-RETRY'))?.reference).toBe(first.reference);
  });

  it('lists the requests changed since an instant', async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const filed = await ceet.submitDossier({ ...input, externalReference: 'GUI-FEED' });
    const changed = await ceet.listChangedDossiers(since);
    expect(changed.map((r) => r.reference)).toContain(filed.reference);
    expect(changed.every((r) => r.updatedAt >= since.slice(0, 19))).toBe(true);
    const seeded = await ceet.listChangedDossiers('2026-10-01T00:00:00Z');
    const expected = requests.filter((r) => (r.history.at(-1)?.at ?? '') >= '2026-10-01T00:00:00Z').length;
    expect(seeded.length).toBeGreaterThanOrEqual(expected);
    expect((await rejection(ceet.listChangedDossiers('yesterday'))).code).toBe('BAD_USER_INPUT');
  });
});

describe('CEET adapter: pieces (REST multipart)', () => {
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const plan = Buffer.from('%PDF-1.7 plan de situation');
  const identity = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

  it('sends files to a request in one multipart POST, and lists what CEET holds, byte for byte', async () => {
    const reference = `CEET-${requests[1]!.numero}`;
    expect(await ceet.listPieces(reference)).toEqual([]);
    const sent = await ceet.sendPieces(reference, [
      { kind: 'SITE_PLAN', filename: 'site_plan.pdf', mediaType: 'application/pdf', bytes: plan },
      { kind: 'IDENTITY_DOCUMENT', filename: 'identity_document.jpg', mediaType: 'image/jpeg', bytes: identity },
    ]);
    expect(sent).toEqual([
      { kind: 'SITE_PLAN', filename: 'site_plan.pdf', mediaType: 'application/pdf', size: plan.length, sha256: sha(plan) },
      { kind: 'IDENTITY_DOCUMENT', filename: 'identity_document.jpg', mediaType: 'image/jpeg', size: identity.length, sha256: sha(identity) },
    ]);
    expect(await ceet.listPieces(reference)).toEqual(sent);
    expect(await admin('calls')).toEqual({ listerPieces: 2, deposerPieces: 1 });
    // The request itself now lists them, in every read of it (one, a batch).
    const held = sent.map(({ kind, mediaType, size, sha256 }) => ({ kind, mediaType, size, sha256 }));
    expect((await ceet.getRequest(reference)).documents).toEqual(held);
    expect((await ceet.getDossiers([reference])).get(reference)?.documents).toEqual(held);
  });

  it('keeps a file sent twice, as CEET does: a caller that must not duplicate lists first', async () => {
    const reference = `CEET-${requests[2]!.numero}`;
    const file = { kind: 'LOCATION_PLAN', filename: 'location_plan.pdf', mediaType: 'application/pdf', bytes: plan };
    await ceet.sendPieces(reference, [file]);
    expect((await ceet.sendPieces(reference, [file])).map((p) => p.sha256)).toEqual([sha(plan), sha(plan)]);
  });

  it('does not retry a send that failed (not idempotent), and answers NOT_FOUND for an unknown request', async () => {
    const reference = `CEET-${requests[3]!.numero}`;
    await fetch(`${sim.url}/__admin/faults`, { method: 'PUT', body: JSON.stringify({ errorRate: 1, operations: ['deposerPieces'] }) });
    expect(await rejection(ceet.sendPieces(reference, [{ kind: 'SITE_PLAN', filename: 'a.pdf', mediaType: 'application/pdf', bytes: plan }]))).toMatchObject({ code: 'BACKEND_ERROR' });
    expect((await admin('calls')).deposerPieces).toBe(1);
    await admin('reset', 'POST');
    expect(await rejection(ceet.listPieces('CEET-2026-999999'))).toMatchObject({ code: 'NOT_FOUND', operation: 'listerPieces' });
    expect(await rejection(ceet.sendPieces('CEET-2026-999999', [{ kind: 'SITE_PLAN', filename: 'a.pdf', mediaType: 'application/pdf', bytes: plan }]))).toMatchObject({
      code: 'NOT_FOUND',
      operation: 'deposerPieces',
    });
  });
});
