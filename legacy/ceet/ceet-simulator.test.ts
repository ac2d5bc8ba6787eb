import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateWorld } from '../world/index.js';
import { readCeetSimulatorConfig } from './config.js';
import { startCeetSimulator, type CeetSimulator } from './start-ceet-simulator.js';

const env = { PORT: '0', SCALE: '0.02', SEED: '7', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0', CEET_API_KEY: 'test-key' };
const world = generateWorld({ seed: 7, scale: 0.02, now: '2026-11-01' });
const requests = world.electricityRequests;
const byNiu = new Map<string, (typeof requests)[number][]>();
for (const r of requests) byNiu.set(r.niu, [...(byNiu.get(r.niu) ?? []), r]);
const [busyNiu] = [...byNiu.entries()].find(([, list]) => list.length >= 2) ?? [];
const quoted = requests.find((r) => r.quoteAmountFcfa !== null && r.quoteAmountFcfa >= 1_000);

let sim: CeetSimulator;
const call = (path: string, init: RequestInit = {}, key: string | null = 'test-key') =>
  fetch(`${sim.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'x-api-key': key }), ...init.headers } });
const json = async (path: string, init?: RequestInit) => {
  const res = await call(path, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const admin = (path: string, method: string, body?: unknown) =>
  fetch(`${sim.url}/__admin/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }).then((r) => r.json() as Promise<Record<string, unknown>>);
const validBody = { niuDemandeur: '123456789012', typeCompteur: 'MONO', commune: 'GOLFE1', quartier: 'Bè', titreFoncier: null, nombreAppareils: 8, referenceExterne: 'GUI-TEST-1' };

beforeAll(async () => {
  sim = await startCeetSimulator(readCeetSimulatorConfig(env));
});
afterAll(() => sim.close());
beforeEach(() => admin('reset', 'POST'));

describe('CEET simulator', () => {
  it('serves its health without a key, everything else only with the right X-Api-Key', async () => {
    expect((await call('/v1/sante', {}, null)).status).toBe(200);
    for (const key of [null, 'wrong']) {
      const res = await call('/v1/demandes', {}, key);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ erreur: 'CLE_API_INVALIDE' });
    }
  });

  it('lists a citizen’s requests page by page, newest first, with total in the body', async () => {
    const own = byNiu.get(busyNiu ?? '') ?? [];
    const { status, body } = await json(`/v1/demandes?niu=${busyNiu}&page=1&taille=1`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ page: 1, taille: 1, total: own.length });
    const page2 = await json(`/v1/demandes?niu=${busyNiu}&page=2&taille=1`);
    const [first] = body.demandes as { dateDepot: string; numero: string }[];
    const [second] = page2.body.demandes as { dateDepot: string; numero: string }[];
    expect(first && second && first.dateDepot >= second.dateDepot && first.numero !== second.numero).toBe(true);
  });

  it('lists every request newest first without niu (the agents’ worklist), and rejects bad paging', async () => {
    const { body } = await json('/v1/demandes?page=1&taille=50');
    expect(body.total).toBe(requests.length);
    const dates = (body.demandes as { dateDepot: string }[]).map((d) => d.dateDepot);
    expect(dates).toEqual([...dates].sort().reverse());
    expect((await call('/v1/demandes?taille=500')).status).toBe(400);
    expect((await call('/v1/demandes?niu=12')).status).toBe(400);
  });

  it('keeps CEET’s quirky formats: numeric codes, local timestamps, spaced amounts, MONO/TRI', async () => {
    if (!quoted) throw new Error('the seeded world has no quoted request');
    const { status, body } = await json(`/v1/demandes/${quoted.numero}`);
    expect(status).toBe(200);
    expect(body.montantDevis).toMatch(/^\d{1,3}( \d{3})+$/);
    expect(Number(String(body.montantDevis).replaceAll(' ', ''))).toBe(quoted.quoteAmountFcfa);
    expect(body.fraisDossier).toBe('1 500');
    expect(body.dateDepot).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(body.dateDepot).toBe(quoted.history[0]?.at.replace('T', ' ').replace('Z', ''));
    expect(['MONO', 'TRI']).toContain(body.typeCompteur);
    expect([10, 20, 30, 40, 50, 60, 70, 90]).toContain(body.statut);
    expect(body.niuDemandeur).toBe(quoted.niu);
    expect((body.historique as { statut: number }[])[0]?.statut).toBe(10);
  });

  it('answers an unknown numero with 404 DEMANDE_INTROUVABLE', async () => {
    const { status, body } = await json('/v1/demandes/1999-999999');
    expect(status).toBe(404);
    expect(body).toMatchObject({ erreur: 'DEMANDE_INTROUVABLE' });
  });

  it('looks up to 20 numeros at once, lists the unknown ones, refuses more than 20', async () => {
    const numeros = requests.slice(0, 19).map((r) => r.numero);
    const { status, body } = await json(`/v1/demandes?numeros=${[...numeros, '1999-000001'].join(',')}`);
    expect(status).toBe(200);
    expect((body.demandes as unknown[]).length).toBe(19);
    expect(body.introuvables).toEqual(['1999-000001']);
    const tooMany = await json(
      `/v1/demandes?numeros=${requests
        .slice(0, 21)
        .map((r) => r.numero)
        .join(',')}`,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ erreur: 'TROP_DE_NUMEROS' });
  });

  it('rejects an invalid POST body with a French message naming the bad fields', async () => {
    const { status, body } = await json('/v1/demandes', { method: 'POST', body: JSON.stringify({ ...validBody, niuDemandeur: '12', nombreAppareils: 0, commune: 'PARIS' }) });
    expect(status).toBe(422);
    expect(body.champs).toEqual(['niuDemandeur', 'commune', 'nombreAppareils']);
    expect(body.message).toMatch(/^Données invalides : niuDemandeur \(NIU de 12 chiffres attendu\)/);
    expect((await call('/v1/demandes', { method: 'POST', body: '{oops' })).status).toBe(400);
  });

  it('is not idempotent: the same POST twice files two requests, both found by referenceExterne and in the change feed', async () => {
    const body = JSON.stringify({ ...validBody, referenceExterne: 'GUI-DOUBLE' });
    const first = await json('/v1/demandes', { method: 'POST', body });
    const second = await json('/v1/demandes', { method: 'POST', body });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(first.body).toMatchObject({ statut: 10, montantDevis: null, fraisDossier: '1 500', referenceExterne: 'GUI-DOUBLE' });
    expect(second.body.numero).not.toBe(first.body.numero);
    const found = await json('/v1/demandes?referenceExterne=GUI-DOUBLE');
    expect((found.body.demandes as { numero: string }[]).map((d) => d.numero)).toEqual([first.body.numero, second.body.numero]);
    const feed = await json(`/v1/demandes/modifiees?depuis=${encodeURIComponent(String(first.body.dateDepot))}`);
    expect((feed.body.demandes as { numero: string }[]).map((d) => d.numero)).toEqual(expect.arrayContaining([first.body.numero, second.body.numero]));
    expect((await call('/v1/demandes/modifiees?depuis=2026-11-01T00:00:00Z')).status).toBe(400);
  });

  it('counts calls per operation name', async () => {
    await call('/v1/demandes?niu=123456789012');
    await call(`/v1/demandes?numeros=${requests[0]?.numero}`);
    await call('/v1/demandes?referenceExterne=X');
    await call(`/v1/demandes/${requests[0]?.numero}`);
    await call('/v1/demandes/modifiees?depuis=2026-10-01%2000:00:00');
    await call('/v1/sante');
    expect(await admin('calls', 'GET')).toEqual({
      consulterDemande: 1,
      consulterDemandesParNumeros: 1,
      demandesModifiees: 1,
      listerDemandes: 1,
      rechercherParReferenceExterne: 1,
      sante: 1,
    });
  });

  it('fails in CEET’s style: JSON 500, succes:false inside a 200, 503 with Retry-After', async () => {
    await admin('faults', 'PUT', { errorRate: 1 });
    expect(await json('/v1/sante')).toMatchObject({ status: 500, body: { erreur: 'ERREUR_SERVEUR' } });
    await admin('faults', 'PUT', { errorIn200Rate: 1 });
    expect(await json('/v1/sante')).toMatchObject({ status: 200, body: { succes: false, erreur: 'ERREUR_INTERNE' } });
    await admin('faults', 'PUT', { overloadRate: 1, retryAfterSeconds: 7 });
    const res = await call('/v1/sante');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
  });
});
