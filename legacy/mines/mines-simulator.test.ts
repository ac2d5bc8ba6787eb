import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateWorld, seededCompanies } from '../world/index.js';
import { readMinesConfig, seedMinesDossiers, startMinesSimulator, type MinesSimulator, type DossierMines } from './index.js';
import { procedureLegacy, proceduresLegacy } from './procedures.js';

const worldOptions = { seed: 7, scale: 0.05, now: '2026-11-01' };
const world = generateWorld(worldOptions);
const dossiers = seedMinesDossiers(world);
const first = dossiers[0]!;
const newcomer = world.persons.find((p) => !dossiers.some((d) => d.NuiDemandeur === p.niu) && p.birthDate < '2000-01-01')!;
const [company, otherCompany] = seededCompanies(world);
const manager = company!.representatives[0]!.niu;
/** A deposit's applicant: the newcomer in their own name, or the company through its manager for a company-only procedure. */
const applicantOf = (companiesOnly: boolean) => (companiesOnly ? { NuiDemandeur: manager, NifSociete: company!.nif, RccmSociete: company!.rccm } : { NuiDemandeur: newcomer.niu });

/** The default scale's world, where every procedure is seeded (seeded before the simulator starts: it takes seconds). */
const seeded = seedMinesDossiers(generateWorld({ ...worldOptions, scale: 1 }));

let sim: MinesSimulator;
const get = async (path: string) => {
  const response = await fetch(`${sim.url}${path}`);
  return { status: response.status, body: (await response.json()) as { Succes: boolean; Donnees?: unknown; Erreur?: { Code: string; Message: string } } };
};
const post = async (body: unknown) => {
  const response = await fetch(`${sim.url}/api/v2/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { Succes: boolean; Donnees?: DossierMines; Erreur?: { Code: string } } };
};

beforeAll(async () => {
  sim = await startMinesSimulator(readMinesConfig({ PORT: '0', SEED: '7', SCALE: '0.05', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
});
afterAll(() => sim.close());
beforeEach(() => fetch(`${sim.url}/__admin/reset`, { method: 'POST' }));

describe('Mines simulator — seeded world', () => {
  it('gives a minority of adults one or two dossiers, the same on every run, numbered AAAA/NNNNNN', () => {
    const applicants = new Set(dossiers.map((d) => d.NuiDemandeur));
    expect(applicants.size).toBeGreaterThan(0);
    expect(applicants.size).toBeLessThan(world.persons.length * 0.1);
    expect(seedMinesDossiers(generateWorld(worldOptions))).toEqual(dossiers);
    for (const d of dossiers) expect(d.NumeroDossier).toMatch(/^\d{4}\/\d{6}$/);
    expect(new Set(dossiers.map((d) => d.NumeroDossier)).size).toBe(dossiers.length);
  });
});

describe('Mines simulator — routes', () => {
  it('lists an applicant’s dossiers by NUI, page-numbered', async () => {
    const { status, body } = await get(`/api/v2/dossiers?nui=${first.NuiDemandeur}&page=1&taille=50`);
    expect(status).toBe(200);
    const donnees = body.Donnees as { Dossiers: DossierMines[]; Total: number };
    expect(donnees.Dossiers.map((d) => d.NumeroDossier)).toContain(first.NumeroDossier);
    expect(donnees.Total).toBe(dossiers.filter((d) => d.NuiDemandeur === first.NuiDemandeur).length);
  });

  it('serves one dossier on its two-segment path, and a JSON 404 for an unknown one', async () => {
    expect((await get(`/api/v2/dossiers/${first.NumeroDossier}`)).body.Donnees).toEqual(first);
    const missing = await get('/api/v2/dossiers/1999/000001');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ Succes: false, Erreur: { Code: 'DOSSIER_INEXISTANT' } });
  });

  it('answers a semicolon-separated batch with the unknown numbers apart, and refuses more than 25', async () => {
    const { body } = await get(`/api/v2/dossiers?numeros=${first.NumeroDossier};1999/000001`);
    expect(body.Donnees).toMatchObject({ Dossiers: [{ NumeroDossier: first.NumeroDossier }], Inconnus: ['1999/000001'] });
    const tooMany = await get(`/api/v2/dossiers?numeros=${Array.from({ length: 26 }, (_, i) => `2026/${String(i).padStart(6, '0')}`).join(';')}`);
    expect(tooMany.status).toBe(400);
  });

  it('files a deposit (201, ENR), findable by its external reference; POST is not idempotent', async () => {
    const deposit = { ...applicantOf(procedureLegacy('ADP')!.entreprisesSeulement), CodeProcedure: 'ADP', Commune: 'KOZAH1', Localite: 'Kpéwa', RefExterne: 'GCH-TEST-0001' };
    const created = await post(deposit);
    expect(created.status).toBe(201);
    expect(created.body.Donnees).toMatchObject({ NuiDemandeur: deposit.NuiDemandeur, CodeEtat: 'ENR', RefExterne: 'GCH-TEST-0001' });
    await post(deposit);
    const found = await get('/api/v2/dossiers?refExterne=GCH-TEST-0001');
    expect((found.body.Donnees as { Dossiers: unknown[] }).Dossiers).toHaveLength(2);
  });

  it('requires a mining title’s substance and surface, in the title’s own unit', async () => {
    const permit = { ...applicantOf(true), CodeProcedure: 'PR', Commune: 'KOZAH1', Localite: 'Kpéwa' };
    expect((await post(permit)).body.Erreur?.Code).toBe('PIECE_MANQUANTE');
    expect((await post({ ...permit, Substance: 'OR', Superficie: 1_200, UniteSuperficie: 'HA' })).body.Erreur?.Code).toBe('PARAMETRE_INVALIDE');
    expect((await post({ ...permit, Substance: 'OR', Superficie: 12, UniteSuperficie: 'KM2' })).body.Donnees).toMatchObject({ CodeProcedure: 'PR', Superficie: 12, UniteSuperficie: 'KM2' });
    const installer = await post({ NuiDemandeur: newcomer.niu, CodeProcedure: 'AIE', Commune: 'KOZAH1', Localite: 'Kpéwa' });
    expect(installer.body.Donnees).toMatchObject({ Commune: null, Substance: null, Superficie: null });
  });

  it('seeds every procedure of the table at the default scale, each dossier walking its own procedure’s stages', () => {
    expect(new Set(seeded.map((d) => d.CodeProcedure))).toEqual(new Set(proceduresLegacy.map((p) => p.code)));
    for (const d of seeded) {
      const procedure = procedureLegacy(d.CodeProcedure)!;
      const minier = procedure.minier;
      if (minier) expect(d).toMatchObject({ Substance: expect.any(String), Superficie: expect.any(Number), UniteSuperficie: minier.unite });
      else expect(d).toMatchObject({ Substance: null, Superficie: null, UniteSuperficie: null });
      if (!procedure.site) expect(d.Commune).toBeNull();
      if (procedure.entreprisesSeulement) expect(d.RaisonSociale).not.toBeNull();
      const allowed = new Set<string>(['ENR', 'COMPL', 'REJ', ...procedure.etapes]);
      for (const step of d.Historique) expect(allowed, `${d.NumeroDossier} (${d.CodeProcedure}) ${step.CodeEtat}`).toContain(step.CodeEtat);
      expect(d.FraisDossierFcfa).toBe(procedure.fraisFcfa);
    }
  });

  it.each(proceduresLegacy.map((p) => [p.code, p] as const))('accepts a deposit of %s with the fields its procedure requires', async (code, procedure) => {
    const deposit = {
      ...applicantOf(procedure.entreprisesSeulement),
      CodeProcedure: code,
      ...(procedure.site ? { Commune: 'KOZAH1', Localite: 'Kpéwa' } : {}),
      ...(procedure.minier ? { Substance: procedure.minier.substances[0], Superficie: procedure.minier.min, UniteSuperficie: procedure.minier.unite } : {}),
    };
    const created = await post(deposit);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.Donnees).toMatchObject({ CodeProcedure: code, CodeEtat: 'ENR', FraisDossierFcfa: procedure.fraisFcfa, Commune: procedure.site ? 'KOZAH1' : null });
  });

  it('refuses the graph’s code of a procedure (SIGEM knows only its own), and a site procedure without its site', async () => {
    const refused = await post({ NuiDemandeur: newcomer.niu, CodeProcedure: 'MEM-CARRIERE', Commune: 'KOZAH1', Localite: 'Kpéwa' });
    expect(refused).toMatchObject({ status: 422, body: { Erreur: { Code: 'PROCEDURE_INCONNUE' } } });
    const site = proceduresLegacy.find((p) => p.site && p.minier === null)!;
    expect((await post({ NuiDemandeur: newcomer.niu, CodeProcedure: site.code })).body.Erreur?.Code).toBe('PIECE_MANQUANTE');
  });

  it('files for a company of its register by one of its mandate holders, under the registered name', async () => {
    const created = await post({ ...applicantOf(true), CodeProcedure: 'LIP', RaisonSociale: 'Nom libre' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.Donnees).toMatchObject({ NuiDemandeur: manager, NifSociete: company!.nif, RccmSociete: company!.rccm, RaisonSociale: company!.name });
    // A person's deposit keeps its free-text name and no company identifiers.
    const own = await post({ NuiDemandeur: newcomer.niu, CodeProcedure: 'AIE', RaisonSociale: 'Ets Test' });
    expect(own.body.Donnees).toMatchObject({ NifSociete: null, RccmSociete: null, RaisonSociale: 'Ets Test' });
  });

  it('refuses a company it does not know, an RCCM of another company, a depositor without a mandate, a company-only procedure without a company', async () => {
    const lip = { CodeProcedure: 'LIP' };
    expect(await post({ ...lip, NuiDemandeur: manager, NifSociete: '1000000016', RccmSociete: company!.rccm })).toMatchObject({ status: 422, body: { Erreur: { Code: 'SOCIETE_INCONNUE' } } });
    expect(await post({ ...lip, NuiDemandeur: manager, NifSociete: company!.nif, RccmSociete: otherCompany!.rccm })).toMatchObject({ status: 422, body: { Erreur: { Code: 'SOCIETE_INCONNUE' } } });
    expect(await post({ ...lip, NuiDemandeur: newcomer.niu, NifSociete: company!.nif, RccmSociete: company!.rccm })).toMatchObject({
      status: 403,
      body: { Erreur: { Code: 'MANDATAIRE_NON_HABILITE' } },
    });
    expect(await post({ ...lip, NuiDemandeur: manager })).toMatchObject({ status: 400, body: { Erreur: { Code: 'PARAMETRE_INVALIDE' } } });
    expect(await post({ ...lip, NuiDemandeur: manager, NifSociete: '12', RccmSociete: company!.rccm })).toMatchObject({ status: 400, body: { Erreur: { Code: 'PARAMETRE_INVALIDE' } } });
  });

  it('refuses an unknown procedure (422) and a malformed NUI (400)', async () => {
    expect((await post({ NuiDemandeur: newcomer.niu, CodeProcedure: 'XXX' })).body.Erreur?.Code).toBe('PROCEDURE_INCONNUE');
    expect((await post({ NuiDemandeur: '12', CodeProcedure: first.CodeProcedure })).status).toBe(400);
  });

  it('feeds changes at or after a minute (JJ/MM/AAAA HH:MM), oldest first', async () => {
    const { body } = await get(`/api/v2/mouvements?depuis=${encodeURIComponent(first.DateMaj)}`);
    const numeros = (body.Donnees as { Dossiers: DossierMines[] }).Dossiers.map((d) => d.NumeroDossier);
    expect(numeros).toContain(first.NumeroDossier);
    expect((await get('/api/v2/mouvements?depuis=2026-01-01')).status).toBe(400);
  });

  it('counts calls per operation and can put an error inside a 200', async () => {
    await fetch(`${sim.url}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorIn200Rate: 1 }) });
    const { status, body } = await get(`/api/v2/dossiers/${first.NumeroDossier}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ Succes: false, Erreur: { Code: 'ERREUR_TECHNIQUE' } });
    const calls = (await (await fetch(`${sim.url}/__admin/calls`)).json()) as Record<string, number>;
    expect(calls.consulterDossier).toBe(1);
  });
});
