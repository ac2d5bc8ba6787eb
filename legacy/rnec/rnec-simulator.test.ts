import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateWorld } from '../world/index.js';
import { startRnecSimulator, type RunningRnecSimulator } from './start-rnec-simulator.js';
import { noFaults } from '../shared/index.js';

const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const world = generateWorld(worldOptions);
const person = world.persons[0]!;

let rnec: RunningRnecSimulator;

beforeAll(async () => {
  rnec = await startRnecSimulator({ host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } });
});
afterAll(() => rnec.close());
beforeEach(() => admin('POST', '/__admin/reset'));

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${rnec.baseUrl}${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  return response.json() as Promise<Record<string, unknown>>;
}

/** A hand-written SOAP 1.1 call, the way a client of the registry would send it. */
async function soapCall(operation: string, inner: string) {
  const envelope =
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:rnec="urn:tg:gouv:rnec:v1">' +
    `<soap:Body><rnec:${operation}>${inner}</rnec:${operation}></soap:Body></soap:Envelope>`;
  const response = await fetch(rnec.url, { method: 'POST', body: envelope, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"urn:tg:gouv:rnec:v1/${operation}"` } });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}

describe('RNEC simulator', () => {
  it('serves its WSDL at ?wsdl with the address it listens on', async () => {
    const response = await fetch(`${rnec.url}?wsdl`);
    const wsdl = await response.text();
    expect(response.status).toBe(200);
    expect(wsdl).toContain('targetNamespace="urn:tg:gouv:rnec:v1"');
    expect(wsdl).toContain(`<soap:address location="${rnec.url}"/>`);
    for (const op of ['ConsulterPersonnes', 'DemanderCopieActe', 'ListerDemandes', 'ListerDemandesModifiees']) expect(wsdl).toContain(`<wsdl:operation name="${op}">`);
    expect(await admin('GET', '/__admin/calls')).toEqual({ wsdl: 1 });
  });

  it('answers 404 outside its endpoint', async () => {
    expect((await fetch(`${rnec.baseUrl}/ailleurs`)).status).toBe(404);
  });

  it('answers a raw SOAP call in its own format', async () => {
    const { status, body } = await soapCall('ConsulterPersonne', `<rnec:NIU>${person.niu}</rnec:NIU>`);
    expect(status).toBe(200);
    expect(body).toContain('<rnec:CODE_RETOUR>OK</rnec:CODE_RETOUR>');
    expect(body).toContain(`<rnec:NOM>${person.lastName.toLocaleUpperCase('fr')}</rnec:NOM>`);
    const [y, m, d] = person.birthDate.split('-');
    expect(body).toContain(`<rnec:DATE_NAISSANCE>${d}/${m}/${y}</rnec:DATE_NAISSANCE>`);
    expect(body).toContain(`<rnec:COMMUNE_NAISSANCE>${person.birthCommune}</rnec:COMMUNE_NAISSANCE>`);
    expect(await admin('GET', '/__admin/calls')).toEqual({ ConsulterPersonne: 1 });
  });

  it('answers an unknown NIU with a soap:Client Fault over HTTP 500', async () => {
    const { status, body } = await soapCall('ConsulterPersonne', '<rnec:NIU>000000000000</rnec:NIU>');
    expect(status).toBe(500);
    expect(body).toContain('<faultcode>soap:Client</faultcode>');
    expect(body).toContain('<rnec:CODE_ERREUR>PERSONNE_INTROUVABLE</rnec:CODE_ERREUR>');
  });

  it('refuses a malformed NIU and more than 50 NIUs', async () => {
    expect((await soapCall('ConsulterPersonne', '<rnec:NIU>12AB</rnec:NIU>')).body).toContain('PARAMETRE_INVALIDE');
    const many = Array.from({ length: 51 }, (_, i) => `<rnec:NIU>${String(100_000_000_000 + i)}</rnec:NIU>`).join('');
    const { status, body } = await soapCall('ConsulterPersonnes', many);
    expect(status).toBe(500);
    expect(body).toContain('TROP_DE_NIU');
  });

  it('lists unknown NIUs of a batch under INTROUVABLES', async () => {
    const { body } = await soapCall('ConsulterPersonnes', `<rnec:NIU>${person.niu}</rnec:NIU><rnec:NIU>000000000000</rnec:NIU>`);
    expect(body).toContain(`<rnec:NIU>${person.niu}</rnec:NIU>`);
    expect(body).toMatch(/<rnec:INTROUVABLES><rnec:NIU>000000000000<\/rnec:NIU><\/rnec:INTROUVABLES>/);
  });

  it('files a new copy request each time, even with the same external reference', async () => {
    const inner = `<rnec:NIU>${person.niu}</rnec:NIU><rnec:NUMERO_ACTE>${person.birthActNumber}</rnec:NUMERO_ACTE><rnec:NOMBRE_COPIES>2</rnec:NOMBRE_COPIES><rnec:REFERENCE_EXTERNE>SIM-TEST-1</rnec:REFERENCE_EXTERNE>`;
    const first = await soapCall('DemanderCopieActe', inner);
    const second = await soapCall('DemanderCopieActe', inner);
    const number = (body: string) => /<rnec:NUMERO_DEMANDE>(DC-\d{4}-\d{6})</.exec(body)?.[1];
    expect(number(first.body)).toMatch(/^DC-\d{4}-\d{6}$/);
    expect(number(second.body)).not.toBe(number(first.body));
    expect(first.body).toMatch(/<rnec:HEURE_DEPOT>\d{2}:\d{2}<\/rnec:HEURE_DEPOT>/);
    const found = await soapCall('RechercherDemandeParReferenceExterne', '<rnec:REFERENCE_EXTERNE>SIM-TEST-1</rnec:REFERENCE_EXTERNE>');
    expect(found.body.match(/<rnec:DEMANDE>/g)).toHaveLength(2);
  });

  it('fails in its own style when faults are injected', async () => {
    await admin('PUT', '/__admin/faults', { errorRate: 1 });
    const server = await soapCall('SuivreDemande', '<rnec:NUMERO_DEMANDE>DC-2026-000001</rnec:NUMERO_DEMANDE>');
    expect(server.status).toBe(500);
    expect(server.body).toContain('<faultcode>soap:Server</faultcode>');

    await admin('PUT', '/__admin/faults', { errorIn200Rate: 1 });
    const in200 = await soapCall('SuivreDemande', '<rnec:NUMERO_DEMANDE>DC-2026-000001</rnec:NUMERO_DEMANDE>');
    expect(in200.status).toBe(200);
    expect(in200.body).toContain('<rnec:SuivreDemandeResponse><rnec:CODE_RETOUR>ERREUR_INTERNE</rnec:CODE_RETOUR>');

    await admin('PUT', '/__admin/faults', { overloadRate: 1, retryAfterSeconds: 3 });
    const overloaded = await soapCall('SuivreDemande', '<rnec:NUMERO_DEMANDE>DC-2026-000001</rnec:NUMERO_DEMANDE>');
    expect(overloaded.status).toBe(503);
    expect(overloaded.contentType).toContain('text/plain');
  });
});
