import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noFaults } from '../../shared/index.js';
import { generateWorld } from '../../world/index.js';
import { startRnecSimulator, type RunningRnecSimulator } from '../start-rnec-simulator.js';
import { RnecV2Operation } from './v2-operations.js';

const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const world = generateWorld(worldOptions);
/** A distinct copy request per case, so that cases never see each other's pieces (the registry keeps them). */
let next = 0;
const freshNumero = () => world.copyRequests[next++]!.number;

let rnec: RunningRnecSimulator;
/** The same registry with small limits, to reach them without sending 25 MB. */
let small: RunningRnecSimulator;

beforeAll(async () => {
  const common = { host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } };
  rnec = await startRnecSimulator(common);
  small = await startRnecSimulator({ ...common, pieceLimits: { maxPiecesPerDeposit: 2, maxPieceBytes: 100 } });
});
afterAll(async () => {
  await rnec.close();
  await small.close();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** CRLFs and dashes: what a careless multipart boundary would cut. */
const binary = Buffer.from([0, 255, 13, 10, 45, 45, 13, 10, 0x80, 0xfe]);

interface File {
  readonly nature: string;
  readonly name: string;
  readonly type: string;
  readonly bytes: Buffer;
}
const files: readonly File[] = [
  { nature: 'IDENTITY_DOCUMENT', name: 'identity_document.pdf', type: 'application/pdf', bytes: pdf },
  { nature: 'PAYMENT_RECEIPT', name: 'payment_receipt.bin', type: 'application/octet-stream', bytes: binary },
];
const held = (list: readonly File[]) => list.map((f) => ({ nature: f.nature, nomFichier: f.name, typeMime: f.type, taille: f.bytes.length, empreinte: f.bytes.length > 0 ? sha256(f.bytes) : '' }));

function form(list: readonly File[]): FormData {
  const body = new FormData();
  for (const f of list) body.append(f.nature, new Blob([f.bytes], { type: f.type }), f.name);
  return body;
}

async function call(target: RunningRnecSimulator, numero: string, init: RequestInit = {}) {
  const response = await fetch(`${target.v2Url}/demandes/${numero}/pieces`, init);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', json: (await response.json()) as { pieces?: unknown[]; code?: string } };
}
const deposit = (target: RunningRnecSimulator, numero: string, list: readonly File[]) => call(target, numero, { method: 'POST', body: form(list) });

async function soapList(numero: string): Promise<string[]> {
  const xml =
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:rnec="urn:tg:gouv:rnec:v1">' +
    `<soap:Body><rnec:ListerPieces><rnec:NUMERO_DEMANDE>${numero}</rnec:NUMERO_DEMANDE></rnec:ListerPieces></soap:Body></soap:Envelope>`;
  const response = await fetch(rnec.url, { method: 'POST', body: xml, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:tg:gouv:rnec:v1/ListerPieces"' } });
  return [...(await response.text()).matchAll(/<rnec:EMPREINTE>([^<]*)<\/rnec:EMPREINTE>/g)].map((m) => m[1]!);
}

async function soapDeposit(numero: string, file: File): Promise<number> {
  const piece = `<rnec:PIECE><rnec:NATURE>${file.nature}</rnec:NATURE><rnec:NOM_FICHIER>${file.name}</rnec:NOM_FICHIER><rnec:TYPE_MIME>${file.type}</rnec:TYPE_MIME><rnec:CONTENU>${file.bytes.toString('base64')}</rnec:CONTENU></rnec:PIECE>`;
  const xml =
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:rnec="urn:tg:gouv:rnec:v1">' +
    `<soap:Body><rnec:DeposerPieces><rnec:NUMERO_DEMANDE>${numero}</rnec:NUMERO_DEMANDE>${piece}</rnec:DeposerPieces></soap:Body></soap:Envelope>`;
  const response = await fetch(rnec.url, { method: 'POST', body: xml, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:tg:gouv:rnec:v1/DeposerPieces"' } });
  await response.text();
  return response.status;
}

describe('RNEC v2: pieces of a copy request (GET/POST /v2/demandes/{numero}/pieces)', () => {
  it('takes a multipart deposit (parts named by nature), answers 201 with every piece held, lists them back; a file sent twice is held twice', async () => {
    const numero = freshNumero();
    expect(await call(rnec, numero)).toMatchObject({ status: 200, json: { pieces: [] } });
    const first = await deposit(rnec, numero, files);
    expect(first.status).toBe(201);
    expect(first.contentType).toContain('application/json');
    const expected = held(files).map((p) => ({ ...p, deposeeLe: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/) }));
    expect(first.json).toEqual({ pieces: expected });
    expect((await call(rnec, numero)).json).toEqual({ pieces: expected });
    const again = await deposit(rnec, numero, files.slice(0, 1));
    expect(again.json.pieces).toEqual([...expected, expected[0]]);
    const calls = (await (await fetch(`${rnec.baseUrl}/__admin/calls`)).json()) as Record<string, number>;
    expect(calls).toMatchObject({ [RnecV2Operation.deposerPieces]: 2, [RnecV2Operation.listerPieces]: 2 });
  });

  it('shares one store with the SOAP face: deposited over v2, listed over SOAP; deposited over SOAP, listed over v2', async () => {
    const numero = freshNumero();
    await deposit(rnec, numero, files.slice(0, 1));
    expect(await soapList(numero)).toEqual([sha256(pdf)]);
    expect(await soapDeposit(numero, files[1]!)).toBe(200);
    expect(((await call(rnec, numero)).json.pieces as { empreinte: string }[]).map((p) => p.empreinte)).toEqual([sha256(pdf), sha256(binary)]);
  });

  it('answers an unknown request 404 DEMANDE_INTROUVABLE, for a read and for a deposit', async () => {
    for (const reply of [await call(rnec, 'DC-1999-999999'), await deposit(rnec, 'DC-1999-999999', files)]) {
      expect(reply).toMatchObject({ status: 404, contentType: expect.stringContaining('application/problem+json'), json: { code: 'DEMANDE_INTROUVABLE' } });
    }
  });

  it('refuses a deposit over its limits or not multipart, in the register’s codes, and keeps nothing of it', async () => {
    const numero = world.copyRequests[0]!.number;
    const tiny = (nature: string): File => ({ nature, name: `${nature}.bin`, type: 'application/octet-stream', bytes: Buffer.from(nature) });
    expect(await deposit(small, numero, [tiny('A'), tiny('B'), tiny('C')])).toMatchObject({ status: 400, json: { code: 'TROP_DE_PIECES' } });
    expect(await deposit(small, numero, [tiny('A'), { ...tiny('B'), bytes: Buffer.alloc(101, 1) }])).toMatchObject({ status: 413, json: { code: 'PIECE_TROP_VOLUMINEUSE' } });
    const json = await call(small, numero, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(json).toMatchObject({ status: 400, json: { code: 'PARAMETRE_INVALIDE' } });
    const empty = await call(small, numero, { method: 'POST', body: new FormData() });
    expect(empty).toMatchObject({ status: 400, json: { code: 'PARAMETRE_INVALIDE' } });
    expect((await call(small, numero)).json).toEqual({ pieces: [] });
  });
});
