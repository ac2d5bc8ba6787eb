import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import busboy from 'busboy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../../lib/http/index.js';
import { isAdapterError, type PieceToSend } from '../../shared/index.js';
import { createRnecAdapter } from '../rnec-adapter.js';

/**
 * The v2 path of pieces (`GET`/`POST /v2/demandes/{numero}/pieces`, multipart, parts named by nature) against a
 * stand-in for RNEC v2 that records the parts the adapter sent (their names and order), which the simulator does not
 * expose. The same path runs against the real simulator in `../rnec-adapter-pieces.test.ts`.
 */

const KNOWN = 'DC-2026-000001';
interface HeldPiece {
  nature: string;
  nomFichier: string;
  typeMime: string;
  taille: number;
  empreinte: string;
}
const held: HeldPiece[] = [];
const received: { method: string; contentType: string; parts: string[] }[] = [];
let server: Server;
let baseUrl: string;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const json = (status: number, body: unknown, type = 'application/json') => ({ status, body: JSON.stringify(body), type });
const notFound = () => json(404, { type: 'x', title: 'Demande introuvable', status: 404, detail: 'Aucune demande.', code: 'DEMANDE_INTROUVABLE' }, 'application/problem+json');

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = ({ status, body, type }: { status: number; body: string; type: string }) => res.writeHead(status, { 'content-type': type }).end(body);
    const match = /^\/v2\/demandes\/([^/]+)\/pieces$/.exec(req.url ?? '');
    if (!match) return send(json(404, { code: 'RESSOURCE_INTROUVABLE' }, 'application/problem+json'));
    const known = decodeURIComponent(match[1]!) === KNOWN;
    if (req.method === 'GET') return send(known ? json(200, { pieces: held }) : notFound());
    const parts: string[] = [];
    received.push({ method: req.method ?? '', contentType: req.headers['content-type'] ?? '', parts });
    const parser = busboy({ headers: req.headers });
    const files: Promise<HeldPiece>[] = [];
    parser.on('file', (name, stream, info) => {
      parts.push(name);
      files.push(
        new Promise((done) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const bytes = Buffer.concat(chunks);
            done({ nature: name, nomFichier: info.filename ?? name, typeMime: info.mimeType, taille: bytes.length, empreinte: sha256(bytes) });
          });
        }),
      );
    });
    parser.on('close', () => {
      void Promise.all(files).then((pieces) => {
        if (!known) return send(notFound());
        held.push(...pieces);
        send(json(201, { pieces: held }));
      });
    });
    req.pipe(parser);
  });
  baseUrl = await listen(server, '127.0.0.1', 0);
});
afterAll(() => closeServer(server, 0));

const adapter = () => createRnecAdapter({ url: `${baseUrl}/ws/rnec`, v2Url: `${baseUrl}/v2`, routing: { mode: 'soap', overrides: { listPieces: 'rest', sendPieces: 'rest' } } });

describe('RNEC adapter pieces over v2 REST (routed by listPieces:rest, sendPieces:rest)', () => {
  it('sends a PDF and a JPEG in one multipart POST, parts named by nature, and lists them back byte for byte', async () => {
    const files: PieceToSend[] = [
      { kind: 'IDENTITY_DOCUMENT', filename: 'IDENTITY_DOCUMENT.jpg', mediaType: 'image/jpeg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(30_000)]) },
      { kind: 'PROOF_OF_ADDRESS', filename: 'PROOF_OF_ADDRESS.pdf', mediaType: 'application/pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5_000)]) },
    ];
    const reference = KNOWN.replace(/^DC-/, 'RNEC-');
    const rnec = adapter();
    expect(await rnec.listPieces(reference)).toEqual([]);
    const expected = files.map((f) => ({ kind: f.kind, filename: f.filename, mediaType: f.mediaType, size: f.bytes.length, sha256: sha256(f.bytes) }));
    expect(await rnec.sendPieces(reference, files)).toEqual(expected);
    expect(received).toEqual([{ method: 'POST', contentType: expect.stringMatching(/^multipart\/form-data; boundary=/), parts: ['IDENTITY_DOCUMENT', 'PROOF_OF_ADDRESS'] }]);
    expect(await rnec.listPieces(reference)).toEqual(expected);
    // Sent again, held twice: the register keeps what it is sent.
    expect(await rnec.sendPieces(reference, files.slice(0, 1))).toEqual([...expected, expected[0]]);
  });

  it('maps v2’s DEMANDE_INTROUVABLE problem to NOT_FOUND', async () => {
    for (const call of [
      adapter().listPieces('RNEC-1999-999999'),
      adapter().sendPieces('RNEC-1999-999999', [{ kind: 'X', filename: 'x.pdf', mediaType: 'application/pdf', bytes: Buffer.from('%PDF') }]),
    ]) {
      const error: unknown = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAdapterError(error) ? error.code : error).toBe('NOT_FOUND');
    }
  });
});
