import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noFaults } from '../shared/index.js';
import { generateWorld } from '../world/index.js';
import { startRnecSimulator, type RunningRnecSimulator } from './start-rnec-simulator.js';

const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const world = generateWorld(worldOptions);
const [request, other] = world.copyRequests;
const XOP = 'http://www.w3.org/2004/08/xop/include';

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
beforeEach(() => fetch(`${rnec.baseUrl}/__admin/reset`, { method: 'POST' }));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const binary = Buffer.from([0, 255, 13, 10, 45, 45, 0x80, 0xfe]);

const envelope = (operation: string, inner: string) =>
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:rnec="urn:tg:gouv:rnec:v1">' +
  `<soap:Body><rnec:${operation}>${inner}</rnec:${operation}></soap:Body></soap:Envelope>`;
const piece = (nature: string, file: string, mime: string, contenu: string) =>
  `<rnec:PIECE><rnec:NATURE>${nature}</rnec:NATURE><rnec:NOM_FICHIER>${file}</rnec:NOM_FICHIER><rnec:TYPE_MIME>${mime}</rnec:TYPE_MIME><rnec:CONTENU>${contenu}</rnec:CONTENU></rnec:PIECE>`;

async function post(target: RunningRnecSimulator, operation: string, body: Buffer | string, contentType = 'text/xml; charset=utf-8') {
  const response = await fetch(target.url, { method: 'POST', body, headers: { 'content-type': contentType, soapaction: `"urn:tg:gouv:rnec:v1/${operation}"` } });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}
const deposit = (target: RunningRnecSimulator, numero: string, pieces: string) =>
  post(target, 'DeposerPieces', envelope('DeposerPieces', `<rnec:NUMERO_DEMANDE>${numero}</rnec:NUMERO_DEMANDE>${pieces}`));
const list = (target: RunningRnecSimulator, numero: string) => post(target, 'ListerPieces', envelope('ListerPieces', `<rnec:NUMERO_DEMANDE>${numero}</rnec:NUMERO_DEMANDE>`));

/** Each PIECE of an answer as `NATURE|NOM_FICHIER|TYPE_MIME|TAILLE|EMPREINTE`. */
function piecesOf(xml: string): string[] {
  return [...xml.matchAll(/<rnec:PIECE>([\s\S]*?)<\/rnec:PIECE>/g)].map((m) =>
    ['NATURE', 'NOM_FICHIER', 'TYPE_MIME', 'TAILLE', 'EMPREINTE'].map((field) => new RegExp(`<rnec:${field}>([^<]*)</rnec:${field}>`).exec(m[1] ?? '')?.[1]).join('|'),
  );
}
const codeOf = (xml: string) => /<rnec:CODE_ERREUR>([^<]*)</.exec(xml)?.[1];

/** An MTOM request as node-soap's client writes it with `forceMTOM` and attachments. */
function mtom(numero: string, files: readonly { cid: string; bytes: Buffer; include?: string }[]) {
  const boundary = 'rnec-test-boundary';
  const inner = files.map((f, i) => piece('IDENTITE', `f${i}.bin`, 'application/octet-stream', `<xop:Include xmlns:xop="${XOP}" href="cid:${f.include ?? f.cid}"/>`)).join('');
  const xml = envelope('DeposerPieces', `<rnec:NUMERO_DEMANDE>${numero}</rnec:NUMERO_DEMANDE>${inner}`);
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="text/xml"\r\nContent-ID: <root>\r\n\r\n${xml}`)];
  for (const f of files) parts.push(Buffer.from(`\r\n--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${f.cid}>\r\n\r\n`), f.bytes);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/related; type="application/xop+xml"; start="<root>"; start-info="text/xml"; boundary=${boundary}` };
}

describe('RNEC simulator: pieces of a copy request', () => {
  it('publishes DeposerPieces and ListerPieces in its WSDL, CONTENU as base64Binary', async () => {
    const wsdl = await (await fetch(`${rnec.url}?wsdl`)).text();
    for (const op of ['DeposerPieces', 'ListerPieces']) expect(wsdl).toContain(`<wsdl:operation name="${op}">`);
    expect(wsdl).toContain('<xsd:element name="CONTENU" type="xsd:base64Binary"/>');
  });

  it('takes base64 pieces, answers every piece held with its size and sha256, lists them back; a file sent twice is held twice', async () => {
    const numero = request!.number;
    expect(piecesOf((await list(rnec, numero)).body)).toEqual([]);
    const first = await deposit(rnec, numero, piece('IDENTITE', 'cni.pdf', 'application/pdf', pdf.toString('base64')) + piece('PHOTO', 'p.bin', 'image/jpeg', binary.toString('base64')));
    expect(first.status).toBe(200);
    expect(first.body).toContain('<rnec:CODE_RETOUR>OK</rnec:CODE_RETOUR>');
    const expected = [`IDENTITE|cni.pdf|application/pdf|${pdf.length}|${sha256(pdf)}`, `PHOTO|p.bin|image/jpeg|${binary.length}|${sha256(binary)}`];
    expect(piecesOf(first.body)).toEqual(expected);
    expect(piecesOf((await list(rnec, numero)).body)).toEqual(expected);
    const again = await deposit(rnec, numero, piece('IDENTITE', 'cni.pdf', 'application/pdf', pdf.toString('base64')));
    expect(piecesOf(again.body)).toEqual([...expected, expected[0]]);
    // Pieces belong to their request only.
    expect(piecesOf((await list(rnec, other!.number)).body)).toEqual([]);
    const calls = (await (await fetch(`${rnec.baseUrl}/__admin/calls`)).json()) as Record<string, number>;
    expect(calls).toMatchObject({ DeposerPieces: 2, ListerPieces: 3 });
  });

  it('takes MTOM (XOP) pieces, byte for byte, and answers text/xml', async () => {
    const numero = other!.number;
    const { body, contentType } = mtom(numero, [
      { cid: 'a@rnec', bytes: binary },
      { cid: 'b@rnec', bytes: pdf },
    ]);
    const reply = await post(rnec, 'DeposerPieces', body, contentType);
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^text\/xml/);
    expect(piecesOf(reply.body).map((p) => p.split('|').slice(3).join('|'))).toEqual([`${binary.length}|${sha256(binary)}`, `${pdf.length}|${sha256(pdf)}`]);
  });

  it('answers a Fault for an MTOM request naming a part it does not carry', async () => {
    const { body, contentType } = mtom(request!.number, [{ cid: 'a@rnec', bytes: binary, include: 'absent@rnec' }]);
    const reply = await post(rnec, 'DeposerPieces', body, contentType);
    expect(reply.status).toBe(500);
    expect(reply.body).toContain('<faultcode>soap:Client</faultcode>');
    expect(codeOf(reply.body)).toBe('PARAMETRE_INVALIDE');
    expect(reply.body).toContain('absent@rnec');
  });

  it('answers DEMANDE_INTROUVABLE for an unknown request, PARAMETRE_INVALIDE for bad content', async () => {
    for (const reply of [await deposit(rnec, 'DC-1999-999999', piece('X', 'x.pdf', 'application/pdf', pdf.toString('base64'))), await list(rnec, 'DC-1999-999999')]) {
      expect(reply.status).toBe(500);
      expect(reply.body).toContain('<faultcode>soap:Client</faultcode>');
      expect(codeOf(reply.body)).toBe('DEMANDE_INTROUVABLE');
    }
    expect(codeOf((await deposit(rnec, request!.number, piece('X', 'x.pdf', 'application/pdf', 'pas du base64 !'))).body)).toBe('PARAMETRE_INVALIDE');
    expect(codeOf((await deposit(rnec, request!.number, piece('', 'x.pdf', 'application/pdf', pdf.toString('base64')))).body)).toBe('PARAMETRE_INVALIDE');
    expect(codeOf((await deposit(rnec, request!.number, '')).body)).toBe('PARAMETRE_INVALIDE');
  });

  it('refuses a deposit past its limits with a Fault, keeping nothing of it', async () => {
    const ok = piece('X', 'x.bin', 'application/octet-stream', Buffer.alloc(100, 1).toString('base64'));
    const tooMany = await deposit(small, request!.number, ok + ok + ok);
    expect(codeOf(tooMany.body)).toBe('TROP_DE_PIECES');
    const tooLarge = await deposit(small, request!.number, ok + piece('X', 'y.bin', 'application/octet-stream', Buffer.alloc(101, 1).toString('base64')));
    expect(tooLarge.status).toBe(500);
    expect(codeOf(tooLarge.body)).toBe('PIECE_TROP_VOLUMINEUSE');
    expect(piecesOf((await list(small, request!.number)).body)).toEqual([]);
    expect(piecesOf((await deposit(small, request!.number, ok + ok)).body)).toHaveLength(2);
  });
});
