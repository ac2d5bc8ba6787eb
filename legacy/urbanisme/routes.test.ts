import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateWorld } from '../world/index.js';
import { readUrbanismeConfig } from './config.js';
import type { DossierUrbanisme } from './legacy-dossier.js';
import { startUrbanismeSimulator, type UrbanismeSimulator } from './start-urbanisme-simulator.js';

const env = { PORT: '0', SCALE: '0.02', SEED: '11', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' };
const world = generateWorld({ seed: 11, scale: 0.02, now: '2026-11-01' });
const permits = world.permitApplications;
let sim: UrbanismeSimulator;

type Body = Record<string, unknown> & { statut: string };
async function call(path: string, init?: RequestInit): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(`${sim.url}${path}`, init);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}
async function json(path: string): Promise<Body> {
  const reply = await call(path);
  expect(reply.status).toBe(200); // every application reply, errors included
  return JSON.parse(reply.text) as Body;
}
const expectError = (body: Body, code: string) => expect(body).toMatchObject({ statut: 'erreur', code, message: expect.any(String) });
const admin = (path: string, method: string, body?: unknown) =>
  fetch(`${sim.url}/__admin/${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) }).then((r) => r.json() as Promise<Record<string, number>>);

beforeAll(async () => {
  sim = await startUrbanismeSimulator(readUrbanismeConfig(env));
});
afterAll(() => sim.close());
beforeEach(() => admin('reset', 'POST'));

describe('Urbanisme simulator — reads', () => {
  it('serves one dossier in its snake_case shape with ISO 8601 offsets', async () => {
    const permit = permits[3]!;
    const body = await json(`/api/dossiers/${permit.numero}`);
    const dossier = body.dossier as DossierUrbanisme;
    expect(body.statut).toBe('ok');
    expect(dossier).toMatchObject({ numero: permit.numero, demandeur_niu: permit.niu, titre_foncier: permit.landTitle, etape: permit.history.at(-1)!.status });
    expect(dossier.architecte).toEqual({ numero_ordre: permit.architectRegistration, nom: permit.architectName });
    expect(dossier.date_depot).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    expect(dossier.historique).toHaveLength(permit.history.length);
  });

  it('answers an unknown dossier with DOSSIER_INTROUVABLE inside an HTTP 200', async () => {
    expectError(await json('/api/dossiers/PC-1999-999999'), 'DOSSIER_INTROUVABLE');
  });

  it('pages through every dossier with cursors (default 20, total in each page)', async () => {
    const first = await json('/api/dossiers');
    expect(first.dossiers).toHaveLength(20);
    expect(first.total).toBe(permits.length);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await json(`/api/dossiers?limite=100${cursor ? `&curseur=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...(page.dossiers as DossierUrbanisme[]).map((d) => d.numero));
      cursor = page.curseur_suivant as string | null;
    } while (cursor);
    expect(seen).toEqual(permits.map((p) => p.numero));
  });

  it('pages through one applicant’s dossiers', async () => {
    const niu = permits.find((p) => permits.filter((q) => q.niu === p.niu).length > 1)!.niu;
    const expected = permits.filter((p) => p.niu === niu).map((p) => p.numero);
    const seen: string[] = [];
    let page = await json(`/api/dossiers?demandeur_niu=${niu}&limite=1`);
    seen.push(...(page.dossiers as DossierUrbanisme[]).map((d) => d.numero));
    while (page.curseur_suivant) {
      page = await json(`/api/dossiers?demandeur_niu=${niu}&limite=1&curseur=${page.curseur_suivant as string}`);
      expect(page.total).toBe(expected.length);
      seen.push(...(page.dossiers as DossierUrbanisme[]).map((d) => d.numero));
    }
    expect(seen).toEqual(expected);
    expect(await json('/api/dossiers?demandeur_niu=000000000000')).toMatchObject({ statut: 'ok', dossiers: [], curseur_suivant: null, total: 0 });
  });

  it('rejects bad paging parameters with PARAMETRE_INVALIDE', async () => {
    expectError(await json('/api/dossiers?limite=101'), 'PARAMETRE_INVALIDE');
    expectError(await json('/api/dossiers?limite=0'), 'PARAMETRE_INVALIDE');
    expectError(await json('/api/dossiers?curseur=not-a-cursor'), 'PARAMETRE_INVALIDE');
    expectError(await json('/api/dossiers?demandeur_niu=12ab'), 'PARAMETRE_INVALIDE');
    const cursorOfAll = (await json('/api/dossiers?limite=1')).curseur_suivant as string;
    expectError(await json(`/api/dossiers?demandeur_niu=${permits[0]!.niu}&curseur=${cursorOfAll}`), 'PARAMETRE_INVALIDE');
  });

  it('serves up to 20 numeros at once, listing the unknown ones, and refuses more', async () => {
    const numeros = [...permits.slice(0, 19).map((p) => p.numero), 'PC-1999-000001'];
    const body = await json(`/api/dossiers?numeros=${numeros.join(',')}`);
    expect((body.dossiers as DossierUrbanisme[]).map((d) => d.numero)).toEqual(numeros.slice(0, 19));
    expect(body.introuvables).toEqual(['PC-1999-000001']);
    expectError(
      await json(
        `/api/dossiers?numeros=${permits
          .slice(0, 21)
          .map((p) => p.numero)
          .join(',')}`,
      ),
      'PARAMETRE_INVALIDE',
    );
    expectError(await json('/api/dossiers?numeros='), 'PARAMETRE_INVALIDE');
  });

  it('serves the change feed strictly after depuis, oldest change first', async () => {
    const since = '2026-10-15T00:00:00Z';
    const body = await json(`/api/dossiers/changements?depuis=${since}`);
    const dossiers = body.dossiers as DossierUrbanisme[];
    const expected = permits.filter((p) => Date.parse(p.history.at(-1)!.at) > Date.parse(since));
    expect(expected.length).toBeGreaterThan(0);
    expect(dossiers.map((d) => d.numero).sort()).toEqual(expected.map((p) => p.numero).sort());
    const dates = dossiers.map((d) => Date.parse(d.date_maj));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expectError(await json('/api/dossiers/changements?depuis=hier'), 'PARAMETRE_INVALIDE');
    expectError(await json('/api/dossiers/changements'), 'PARAMETRE_INVALIDE');
  });

  it('answers an unknown route inside an HTTP 200 too', async () => {
    expectError(await json('/api/permis'), 'ROUTE_INCONNUE');
  });

  it('takes a number that is not valid percent-encoding for an unknown route (and keeps serving)', async () => {
    expectError(await json('/api/dossiers/%E0'), 'ROUTE_INCONNUE');
    expectError(await json('/api/permis'), 'ROUTE_INCONNUE');
  });
});

describe('Urbanisme simulator — profile', () => {
  it('counts calls per operation', async () => {
    await json(`/api/dossiers/${permits[0]!.numero}`);
    await json(`/api/dossiers?numeros=${permits[0]!.numero}`);
    await json('/api/dossiers');
    await json('/api/dossiers/changements?depuis=2026-01-01');
    expect(await admin('calls', 'GET')).toEqual({ changements: 1, consulterDossier: 1, consulterDossiersParNumeros: 1, listerDossiers: 1 });
  });

  it('fails like nginx in front of it: HTML 500, HTML 503 with Retry-After', async () => {
    await admin('faults', 'PUT', { errorRate: 1 });
    const crash = await call('/api/dossiers');
    expect(crash.status).toBe(500);
    expect(crash.contentType).toContain('text/html');
    expect(crash.text).toContain('500 Internal Server Error');
    await admin('faults', 'PUT', { overloadRate: 1, retryAfterSeconds: 7 });
    const response = await fetch(`${sim.url}/api/dossiers`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.text()).toContain('503 Service Temporarily Unavailable');
  });

  it('reports its own server errors inside an HTTP 200 (ERREUR_INTERNE)', async () => {
    await admin('faults', 'PUT', { errorIn200Rate: 1, operations: ['consulterDossier'] });
    expectError(await json(`/api/dossiers/${permits[0]!.numero}`), 'ERREUR_INTERNE');
    expect((await json('/api/dossiers')).statut).toBe('ok');
  });
});
