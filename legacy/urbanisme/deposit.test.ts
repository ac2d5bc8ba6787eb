import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../world/index.js';
import { readUrbanismeConfig } from './config.js';
import type { DossierUrbanisme } from './legacy-dossier.js';
import { startUrbanismeSimulator, type UrbanismeSimulator } from './start-urbanisme-simulator.js';

const world = generateWorld({ seed: 12, scale: 0.02, now: '2026-11-01' });
const applicant = world.persons.find((p) => !world.permitApplications.some((a) => a.niu === p.niu))!;
let sim: UrbanismeSimulator;

const valid = {
  demandeur_niu: applicant.niu,
  titre_foncier: 'TF-2010-123456',
  architecte: { numero_ordre: 'ONAT-0101' },
  commune: 'GOLFE1',
  quartier: 'Bè',
  nature_projet: 'IMMEUBLE_R+1',
  surface_plancher_m2: 240,
  niveaux: 2,
  reference_externe: 'GUICHET-7f3a',
};

type Body = Record<string, unknown> & { statut: string };
async function post(body: unknown): Promise<Body> {
  const response = await fetch(`${sim.url}/api/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as Body;
}
const get = (path: string) => fetch(`${sim.url}${path}`).then((r) => r.json() as Promise<Body>);

beforeAll(async () => {
  sim = await startUrbanismeSimulator(readUrbanismeConfig({ PORT: '0', SCALE: '0.02', SEED: '12', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
});
afterAll(() => sim.close());

describe('Urbanisme simulator — deposit', () => {
  it('files a dossier at DEPOT, numbered after the year’s last, with the architect’s name from the register', async () => {
    const before = Date.now();
    const body = await post(valid);
    const dossier = body.dossier as DossierUrbanisme;
    const year = new Date().getUTCFullYear();
    const lastSeq = Math.max(0, ...world.permitApplications.filter((p) => p.numero.startsWith(`PC-${year}-`)).map((p) => Number(p.numero.slice(8))));
    expect(dossier.numero).toBe(`PC-${year}-${String(lastSeq + 1).padStart(6, '0')}`);
    expect(dossier).toMatchObject({ etape: 'DEPOT', demandeur_niu: applicant.niu, reference_externe: 'GUICHET-7f3a', pieces_manquantes: [] });
    expect(dossier.architecte.nom).toBe('Cabinet AGBEKO & Associés');
    expect(Date.parse(dossier.date_depot)).toBeGreaterThanOrEqual(before - 1000);
    expect((await get(`/api/dossiers/${dossier.numero}`)).dossier).toEqual(dossier);
  });

  it('is not idempotent: the same POST twice files two dossiers, both listed and in the change feed', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const body = { ...valid, reference_externe: 'GUICHET-twice' };
    const a = (await post(body)).dossier as DossierUrbanisme;
    const b = (await post(body)).dossier as DossierUrbanisme;
    expect(a.numero).not.toBe(b.numero);
    const listed = ((await get(`/api/dossiers?demandeur_niu=${applicant.niu}&limite=100`)).dossiers as DossierUrbanisme[]).filter((d) => d.reference_externe === 'GUICHET-twice');
    expect(listed.map((d) => d.numero)).toEqual([a.numero, b.numero]);
    const changed = ((await get(`/api/dossiers/changements?depuis=${since}`)).dossiers as DossierUrbanisme[]).map((d) => d.numero);
    expect(changed).toEqual(expect.arrayContaining([a.numero, b.numero]));
  });

  it.each([
    ['no land title', { ...valid, titre_foncier: undefined }, 'TITRE_FONCIER_REQUIS'],
    ['a blank land title', { ...valid, titre_foncier: '  ' }, 'TITRE_FONCIER_REQUIS'],
    ['no architect number', { ...valid, architecte: {} }, 'PARAMETRE_INVALIDE'],
    ['an unregistered architect', { ...valid, architecte: { numero_ordre: 'ONAT-9999' } }, 'ARCHITECTE_NON_INSCRIT'],
    ['a short NIU', { ...valid, demandeur_niu: '1234' }, 'PARAMETRE_INVALIDE'],
    ['an unknown commune', { ...valid, commune: 'PARIS' }, 'PARAMETRE_INVALIDE'],
    ['an unknown project kind', { ...valid, nature_projet: 'CHATEAU' }, 'PARAMETRE_INVALIDE'],
    ['a negative floor area', { ...valid, surface_plancher_m2: -5 }, 'PARAMETRE_INVALIDE'],
    ['21 levels', { ...valid, niveaux: 21 }, 'PARAMETRE_INVALIDE'],
    ['a body that is not JSON', '{"titre_foncier":', 'PARAMETRE_INVALIDE'],
  ])('refuses %s inside an HTTP 200', async (_, body, code) => {
    expect(await post(body)).toMatchObject({ statut: 'erreur', code, message: expect.any(String) });
  });
});
