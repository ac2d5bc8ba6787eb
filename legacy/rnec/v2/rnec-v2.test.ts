import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateWorld } from '../../world/index.js';
import { startRnecSimulator, type RunningRnecSimulator } from '../start-rnec-simulator.js';
import { RnecV2Operation, rnecV2Operations } from './v2-operations.js';
import { noFaults } from '../../shared/index.js';

const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const world = generateWorld(worldOptions);
const married = world.persons.find((p) => p.spouseNiu && world.acts.some((a) => a.kind === 'M' && a.persons.includes(p.niu)))!;
const deceased = world.persons.find((p) => p.deathDate !== null)!;
const request = world.copyRequests.find((r) => r.history.length > 2)!;

let rnec: RunningRnecSimulator;

beforeAll(async () => {
  rnec = await startRnecSimulator({ host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } });
});
afterAll(() => rnec.close());
beforeEach(() => admin('POST', '/__admin/reset'));

async function admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${rnec.baseUrl}${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  return response.json() as Promise<Record<string, unknown>>;
}

async function v2(path: string, init: RequestInit = {}) {
  const response = await fetch(`${rnec.v2Url}${path}`, init);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', location: response.headers.get('location'), json: JSON.parse(text) as Record<string, unknown> };
}

describe('RNEC v2 (REST/JSON beside the SOAP port, same registry)', () => {
  it('serves a person with ISO dates, explicit nulls and the register’s names', async () => {
    const { status, contentType, json } = await v2(`/personnes/${married.niu}`);
    expect(status).toBe(200);
    expect(contentType).toContain('application/json');
    const [y, m, d] = married.birthDate.split('-');
    expect(json).toEqual({
      niu: married.niu,
      nom: married.lastName.toLocaleUpperCase('fr'),
      prenoms: married.firstNames.toLocaleUpperCase('fr'),
      sexe: married.sex,
      dateNaissance: `${y}-${m}-${d}`,
      communeNaissance: married.birthCommune,
      numeroActeNaissance: married.birthActNumber,
      niuConjoint: married.spouseNiu,
      dateDeces: null,
    });
    expect((await v2(`/personnes/${deceased.niu}`)).json.dateDeces).toBe(deceased.deathDate);
    expect(await admin('GET', '/__admin/calls')).toEqual({ [RnecV2Operation.consulterPersonne]: 2 });
  });

  it('answers unknown things with 404 problem+json (RFC 9457) and bad parameters with 400', async () => {
    const unknown = await v2('/personnes/000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    expect(unknown.json).toMatchObject({
      type: 'https://rnec.gouv.tg/v2/problemes/personne-introuvable',
      title: 'Personne introuvable',
      status: 404,
      code: 'PERSONNE_INTROUVABLE',
      instance: '/v2/personnes/000000000000',
    });
    expect(unknown.json.detail).toEqual(expect.any(String));
    expect((await v2('/actes/N-GOLFE1-1900-000000')).json).toMatchObject({ status: 404, code: 'ACTE_INTROUVABLE' });
    expect((await v2('/demandes/DC-1900-000000')).json).toMatchObject({ status: 404, code: 'DEMANDE_INTROUVABLE' });
    expect((await v2('/personnes/12AB')).json).toMatchObject({ status: 400, code: 'PARAMETRE_INVALIDE' });
    expect(await v2('/ailleurs')).toMatchObject({ status: 404, json: { code: 'RESSOURCE_INTROUVABLE' } });
    const wrongMethod = await fetch(`${rnec.v2Url}/personnes/${married.niu}`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('looks up to 50 persons in one call, listing the unknown ones', async () => {
    const nius = world.persons.slice(0, 49).map((p) => p.niu);
    const { status, json } = await v2(`/personnes?${[...nius, '000000000000'].map((n) => `niu=${n}`).join('&')}`);
    expect(status).toBe(200);
    expect((json.personnes as { niu: string }[]).map((p) => p.niu)).toEqual(nius);
    expect(json.introuvables).toEqual(['000000000000']);
    const tooMany = await v2(
      `/personnes?niu=${world.persons
        .slice(0, 51)
        .map((p) => p.niu)
        .join(',')}`,
    );
    expect(tooMany.json).toMatchObject({ status: 400, code: 'TROP_DE_NIU' });
  });

  it('lists a person’s acts (kinds spelled out) and copy requests; reads one act', async () => {
    const acts = (await v2(`/personnes/${married.niu}/actes`)).json.actes as { numero: string; type: string; niuConcernes: string[] }[];
    const marriage = acts.find((a) => a.type === 'MARIAGE')!;
    expect(marriage.niuConcernes).toContain(married.niu);
    expect((await v2(`/actes/${marriage.numero}`)).json).toEqual(marriage);
    const own = world.copyRequests.filter((r) => r.niu === request.niu).map((r) => r.number);
    const demandes = (await v2(`/personnes/${request.niu}/demandes`)).json.demandes as { numero: string }[];
    expect(demandes.map((r) => r.numero).sort()).toEqual(own.sort());
  });

  it('follows a request by number, history with UTC instants', async () => {
    const { json } = await v2(`/demandes/${request.number}`);
    expect(json).toMatchObject({ numero: request.number, niuDemandeur: request.niu, referenceExterne: null, statut: request.history.at(-1)!.status });
    const steps = json.historique as { statut: string; le: string }[];
    expect(steps.map((s) => s.statut)).toEqual(request.history.map((h) => h.status));
    for (const step of steps) expect(step.le).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    expect((await v2('/demandes?referenceExterne=')).json).toMatchObject({ status: 400 });
  });

  it('files a request with POST (201 + Location), seen by SOAP too; refuses bad bodies', async () => {
    const body = { niu: married.niu, numeroActe: married.birthActNumber, nombreCopies: 2, referenceExterne: 'V2-TEST-1' };
    const created = await v2('/demandes', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ niuDemandeur: married.niu, numeroActe: married.birthActNumber, nombreCopies: 2, statut: 'RECUE', referenceExterne: 'V2-TEST-1' });
    expect(created.location).toBe(`/v2/demandes/${String(created.json.numero)}`);
    const soap = await fetch(rnec.url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:tg:gouv:rnec:v1/SuivreDemande"' },
      body: `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:rnec="urn:tg:gouv:rnec:v1"><soap:Body><rnec:SuivreDemande><rnec:NUMERO_DEMANDE>${String(created.json.numero)}</rnec:NUMERO_DEMANDE></rnec:SuivreDemande></soap:Body></soap:Envelope>`,
    });
    expect(await soap.text()).toContain('<rnec:REFERENCE_EXTERNE>V2-TEST-1</rnec:REFERENCE_EXTERNE>');
    const found = (await v2('/demandes?referenceExterne=V2-TEST-1')).json.demandes as { numero: string }[];
    expect(found.map((r) => r.numero)).toEqual([created.json.numero]);
    const post = (payload: string) => v2('/demandes', { method: 'POST', body: payload, headers: { 'content-type': 'application/json' } });
    expect((await post('{not json')).json).toMatchObject({ status: 400, code: 'PARAMETRE_INVALIDE' });
    expect((await post(JSON.stringify({ ...body, nombreCopies: 11 }))).json).toMatchObject({ status: 400, code: 'PARAMETRE_INVALIDE' });
    expect((await post(JSON.stringify({ ...body, niu: '000000000000' }))).json).toMatchObject({ status: 422, code: 'PERSONNE_INTROUVABLE' });
  });

  it('pages the change feed with a cursor, oldest change first, without gaps or repeats', async () => {
    const since = '2026-09-01T00:00:00Z';
    const all: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { json: Record<string, unknown> } = await v2(`/demandes/modifications?depuis=${since}&limite=7${cursor ? `&curseur=${cursor}` : ''}`);
      const demandes = page.json.demandes as { numero: string; modifieeLe: string }[];
      expect(demandes.length).toBeLessThanOrEqual(7);
      all.push(...demandes.map((d) => `${d.modifieeLe} ${d.numero}`));
      cursor = page.json.curseurSuivant as string | null;
      pages += 1;
    } while (cursor && pages < 1_000);
    // Seeded changes since then, and those filed by this file's other tests (now).
    const expected = (await v2(`/demandes/modifications?depuis=${since}&limite=1000`)).json.demandes as unknown[];
    expect(expected.length).toBeGreaterThanOrEqual(world.copyRequests.filter((r) => Date.parse(r.history.at(-1)!.at) >= Date.parse(since)).length);
    expect(all.length).toBe(expected.length);
    expect(new Set(all).size).toBe(all.length);
    expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 7)));
    expect(all.map((line) => line.slice(0, 20))).toEqual(all.map((line) => line.slice(0, 20)).sort());
    expect((await v2('/demandes/modifications?depuis=hier')).json).toMatchObject({ status: 400 });
    expect((await v2(`/demandes/modifications?depuis=${since}&curseur=abc`)).json).toMatchObject({ status: 400 });
  });

  it('shares the fault and latency knobs and the call counter with SOAP, failing in its own style', async () => {
    await admin('PUT', '/__admin/faults', { errorRate: 1, operations: [...rnecV2Operations] });
    const failed = await v2(`/personnes/${married.niu}`);
    expect(failed).toMatchObject({ status: 500, json: { code: 'ERREUR_INTERNE', status: 500 } });
    expect(failed.contentType).toContain('application/problem+json');
    await admin('PUT', '/__admin/faults', { errorIn200Rate: 1, operations: [RnecV2Operation.consulterPersonne] });
    const in200 = await v2(`/personnes/${married.niu}`);
    expect(in200.status).toBe(200);
    expect(in200.contentType).toContain('application/problem+json');
    expect(in200.json).toMatchObject({ code: 'ERREUR_INTERNE' });
    await admin('PUT', '/__admin/faults', { overloadRate: 1 });
    expect((await fetch(`${rnec.v2Url}/actes/N-GOLFE1-1900-000000`)).status).toBe(503);
    expect(await admin('GET', '/__admin/calls')).toEqual({ [RnecV2Operation.consulterPersonne]: 2, [RnecV2Operation.consulterActe]: 1 });
  });
});
