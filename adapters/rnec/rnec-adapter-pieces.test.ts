import { createHash, randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRnecSimulator, type RunningRnecSimulator } from '../../legacy/rnec/index.js';
import { noFaults } from '../../legacy/shared/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { closeServer, listen } from '../../lib/http/index.js';
import { isAdapterError, type PieceToSend, type ReceivedPiece } from '../shared/index.js';
import { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv } from './config.js';
import { createRnecAdapter } from './rnec-adapter.js';
import type { RnecAdapter } from './types.js';
import { readConfig } from '../../lib/config/index.js';

const worldOptions = { seed: 11, scale: 0.02, now: '2026-11-01' };
const world = generateWorld(worldOptions);
const referenceOf = (numero: string) => numero.replace(/^DC-/, 'RNEC-');
/** A distinct copy request per test case, so that cases never see each other's pieces. */
let nextRequest = 0;
const freshReference = () => referenceOf(world.copyRequests[nextRequest++]!.number);

let rnec: RunningRnecSimulator;
/** A pass-through proxy in front of the simulator that records what each deposit carried (its content type). */
let recorder: Server;
let recorderUrl: string;
const deposits: string[] = [];

/** A deposit on either face: SOAP's `DeposerPieces` (by its SOAPAction), v2's `POST …/pieces`. */
const isDeposit = (method: string | undefined, url: string | undefined, soapAction: string | string[] | undefined) =>
  method === 'POST' && (/DeposerPieces/.test(String(soapAction ?? '')) || /\/v2\/demandes\/[^/]+\/pieces$/.test(url ?? ''));

beforeAll(async () => {
  rnec = await startRnecSimulator({ host: '127.0.0.1', port: 0, world: worldOptions, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } });
  const target = new URL(rnec.baseUrl);
  recorder = createServer((req, res) => {
    if (isDeposit(req.method, req.url, req.headers.soapaction)) deposits.push(req.headers['content-type'] ?? '');
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  recorderUrl = await listen(recorder, '127.0.0.1', 0);
});
afterAll(async () => {
  await closeServer(recorder, 0);
  await rnec.close();
});
beforeEach(async () => {
  deposits.length = 0;
  await fetch(`${rnec.baseUrl}/__admin/reset`, { method: 'POST' });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Every byte value, CRLFs and dashes included: what would break a careless encoding or multipart boundary. */
const awkwardBytes = (size: number) => Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\n--\r\n'), randomBytes(size)]);
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n', 'latin1'), randomBytes(3_000), Buffer.from('\n%%EOF\n')]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), randomBytes(20_000), Buffer.from([0xff, 0xd9])]);

const fileSets: Readonly<Record<string, readonly PieceToSend[]>> = {
  'one file': [{ kind: 'IDENTITY_DOCUMENT', filename: 'IDENTITY_DOCUMENT.pdf', mediaType: 'application/pdf', bytes: pdf }],
  'several files': [
    { kind: 'IDENTITY_DOCUMENT', filename: 'IDENTITY_DOCUMENT.bin', mediaType: 'application/octet-stream', bytes: awkwardBytes(10) },
    { kind: 'BIRTH_CERTIFICATE', filename: 'BIRTH_CERTIFICATE.bin', mediaType: 'application/octet-stream', bytes: awkwardBytes(50_000) },
    { kind: 'PAYMENT_RECEIPT', filename: 'PAYMENT_RECEIPT.bin', mediaType: 'application/octet-stream', bytes: awkwardBytes(1) },
  ],
  'a PDF and a JPEG': [
    { kind: 'IDENTITY_DOCUMENT', filename: 'IDENTITY_DOCUMENT.jpg', mediaType: 'image/jpeg', bytes: jpeg },
    { kind: 'PROOF_OF_ADDRESS', filename: 'PROOF_OF_ADDRESS.pdf', mediaType: 'application/pdf', bytes: pdf },
  ],
  // Guichet's largest upload (DOCUMENTS_MAX_BYTES, 10 MB): past the adapter's default 5 MB cap on a request body.
  'a 10 MB scan': [{ kind: 'IDENTITY_DOCUMENT', filename: 'IDENTITY_DOCUMENT.pdf', mediaType: 'application/pdf', bytes: Buffer.concat([pdf, randomBytes(10_000_000 - pdf.length)]) }],
};

const expected = (files: readonly PieceToSend[]): ReceivedPiece[] => files.map((f) => ({ kind: f.kind, filename: f.filename, mediaType: f.mediaType, size: f.bytes.length, sha256: sha256(f.bytes) }));

interface Transport {
  readonly name: string;
  readonly adapter: () => RnecAdapter;
  /** What every deposit POST must carry on the wire. */
  readonly wire: RegExp;
}

// The three wires to the one simulator, whose SOAP and v2 faces share a store of pieces.
const transports: readonly Transport[] = [
  { name: 'SOAP base64', adapter: () => createRnecAdapter({ url: `${recorderUrl}/ws/rnec` }), wire: /^text\/xml/ },
  { name: 'SOAP MTOM', adapter: () => createRnecAdapter({ url: `${recorderUrl}/ws/rnec`, piecesMtom: true }), wire: /^multipart\/related; type="application\/xop\+xml"/ },
  {
    name: 'v2 REST (listPieces:rest, sendPieces:rest)',
    adapter: () => createRnecAdapter({ url: `${recorderUrl}/ws/rnec`, v2Url: `${recorderUrl}/v2`, routing: { mode: 'soap', overrides: { listPieces: 'rest', sendPieces: 'rest' } } }),
    wire: /^multipart\/form-data; boundary=/,
  },
];

async function codeOf(call: Promise<unknown>): Promise<string> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAdapterError(error)) throw new Error(`expected an AdapterError, got ${String(error)}`);
  return error.code;
}

describe.each(transports)('RNEC adapter pieces over $name', (transport) => {
  it.each(Object.keys(fileSets))('sends %s, answered and listed back byte for byte (size, sha256)', async (set) => {
    const adapter = transport.adapter();
    const files = fileSets[set]!;
    const reference = freshReference();
    expect(await adapter.listPieces(reference)).toEqual([]);
    expect(await adapter.sendPieces(reference, files)).toEqual(expected(files));
    expect(await adapter.listPieces(reference)).toEqual(expected(files));
    expect(deposits).toHaveLength(1);
    expect(deposits[0]).toMatch(transport.wire);
  });

  it('holds a file sent twice twice (so a forwarder must list first)', async () => {
    const adapter = transport.adapter();
    const reference = freshReference();
    const [file] = fileSets['one file']!;
    await adapter.sendPieces(reference, [file!]);
    const again = await adapter.sendPieces(reference, [file!]);
    expect(again).toEqual([...expected([file!]), ...expected([file!])]);
    expect(await adapter.listPieces(reference)).toHaveLength(2);
  });

  it('answers NOT_FOUND for an unknown request, BAD_USER_INPUT for a malformed reference or a bad deposit, without calling', async () => {
    const adapter = transport.adapter();
    const files = fileSets['one file']!;
    expect(await codeOf(adapter.listPieces('RNEC-1999-999999'))).toBe('NOT_FOUND');
    expect(await codeOf(adapter.sendPieces('RNEC-1999-999999', files))).toBe('NOT_FOUND');
    const calls = async () => (await fetch(`${rnec.baseUrl}/__admin/calls`)).json();
    const before = await calls();
    expect(await codeOf(adapter.listPieces('DC-2026-000001'))).toBe('BAD_USER_INPUT');
    expect(await codeOf(adapter.sendPieces(freshReference(), []))).toBe('BAD_USER_INPUT');
    const tooMany = Array.from({ length: 21 }, () => files[0]!);
    expect(await codeOf(adapter.sendPieces(freshReference(), tooMany))).toBe('BAD_USER_INPUT');
    expect(await codeOf(adapter.sendPieces(freshReference(), [{ ...files[0]!, bytes: Buffer.alloc(0) }]))).toBe('BAD_USER_INPUT');
    expect(await calls()).toEqual(before);
  });
});

describe('RNEC adapter pieces: configuration and failures', () => {
  it('reads RNEC_PIECES_MTOM (default false), refuses another value, and parses a parsed environment again', () => {
    const read = (env: NodeJS.ProcessEnv) => rnecAdapterOptionsFromEnv(readConfig('test', rnecAdapterEnvSchema, env));
    expect(read({}).piecesMtom).toBe(false);
    expect(read({ RNEC_PIECES_MTOM: 'true' }).piecesMtom).toBe(true);
    expect(() => read({ RNEC_PIECES_MTOM: 'mtom' })).toThrow(/RNEC_PIECES_MTOM="mtom": expected true or false/);
    const once = rnecAdapterEnvSchema.parse({ RNEC_PIECES_MTOM: '1' });
    expect(rnecAdapterOptionsFromEnv(rnecAdapterEnvSchema.parse(once)).piecesMtom).toBe(true);
  });

  it('never retries a deposit: a server error on DeposerPieces is one call, a typed retryable error', async () => {
    const adapter = createRnecAdapter({ url: rnec.url });
    const reference = freshReference();
    await fetch(`${rnec.baseUrl}/__admin/faults`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1, operations: ['DeposerPieces'] }),
    });
    const error: unknown = await adapter.sendPieces(reference, fileSets['one file']!).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAdapterError(error) && { code: error.code, retryable: error.retryable }).toEqual({ code: 'BACKEND_ERROR', retryable: true });
    const calls = (await (await fetch(`${rnec.baseUrl}/__admin/calls`)).json()) as Record<string, number>;
    expect(calls.DeposerPieces).toBe(1);
    await fetch(`${rnec.baseUrl}/__admin/reset`, { method: 'POST' });
    expect(await adapter.listPieces(reference)).toEqual([]);
  });
});
