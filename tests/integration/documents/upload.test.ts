import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { cleanPdf, jpegImage, pdfWithJavaScript, truncatedJpeg, windowsExecutable } from '../../../documents/test-support/sample-files.js';
import { documentKindsGivenAsField } from '../../../schema/index.js';
import { isFrench } from '../../support/language.js';
import { boundary, documentsUrl, multipartBody, stalledUpload, storedCounts, upload, uploadParts, type Part } from '../../support/document-upload.js';
import { agentToken, citizenToken } from '../../support/tokens.js';
import { citizensInAllSystems } from '../../support/world.js';

/** POST /documents through the real gateway (its token check, its admission, its store on disk). */
const citizen = citizensInAllSystems()[41]!;
const maxBytes = 2_000_000; // DOCUMENTS_MAX_BYTES of the test stack (tests/support/global-setup.ts)

describe('POST /documents', () => {
  it('stores a clean PDF and answers its id, sha256, media type and size (201)', async () => {
    const pdf = await cleanPdf();
    const before = storedCounts();
    const answer = await upload(uploadParts('SITE_PLAN', pdf), await citizenToken(citizen.niu));
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), sha256: createHash('sha256').update(pdf).digest('hex'), mediaType: 'application/pdf', size: pdf.length });
    expect(storedCounts().rows).toBe(before.rows + 1);
    // Audited before the answer: the citizen's trail says their paper was stored, by them, in the documents store.
    const records = readFileSync(inject('auditLogPath'), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as { niu: string; operationName: string | null; action: string; systems: string[]; role: string });
    expect(records.filter((r) => r.niu === citizen.niu && r.operationName === 'document:store').at(-1)).toMatchObject({ action: 'write', systems: ['documents'], role: 'citizen' });
  });

  it('stores an image re-encoded: the answer’s sha256 and size are of the new bytes, the metadata gone', async () => {
    const jpeg = await jpegImage();
    const answer = await upload(uploadParts('IDENTITY_DOCUMENT', jpeg, 'cni.jpg', 'image/jpeg'), await citizenToken(citizen.niu));
    expect(answer.status).toBe(201);
    expect(answer.body.mediaType).toBe('image/jpeg');
    expect(answer.body.sha256).not.toBe(createHash('sha256').update(jpeg).digest('hex'));
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
  });

  it('refuses an agent’s token (documents are a citizen’s), storing nothing', async () => {
    const before = storedCounts();
    const answer = await upload(uploadParts('SITE_PLAN', await cleanPdf()), await agentToken('MINES'));
    expect([answer.status, answer.body.errors?.[0]?.extensions.code]).toEqual([403, 'FORBIDDEN']);
    expect(storedCounts()).toEqual(before);
  });
});

interface BadInput {
  readonly name: string;
  readonly send: () => Promise<{ status: number; body: { errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[] }; headers?: Headers }>;
  readonly status: number;
  readonly code: string;
  /** For a refused field: where `extensions.fields` says the problem is. */
  readonly field?: readonly string[];
}

const token = () => citizenToken(citizen.niu);
const oversized = Buffer.concat([await cleanPdf(false), Buffer.alloc(maxBytes, 0x20)]);
const badInputs: readonly BadInput[] = [
  { name: 'an oversized file', send: async () => upload(uploadParts('SITE_PLAN', oversized), await token()), status: 413, code: 'DOCUMENT_TOO_LARGE' },
  {
    name: 'an oversized file sent without a length (chunked), cut at the limit',
    send: async () => {
      const body = multipartBody(uploadParts('SITE_PLAN', oversized));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let offset = 0; offset < body.length; offset += 65_536) controller.enqueue(body.subarray(offset, offset + 65_536));
          controller.close();
        },
      });
      const response = await fetch(documentsUrl(), {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${await token()}` },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] } };
    },
    status: 413,
    code: 'DOCUMENT_TOO_LARGE',
  },
  {
    name: 'a renamed executable',
    send: async () => upload(uploadParts('SITE_PLAN', windowsExecutable(), 'plan.pdf', 'application/pdf'), await token()),
    status: 415,
    code: 'DOCUMENT_TYPE_NOT_ALLOWED',
  },
  { name: 'a PDF with JavaScript', send: async () => upload(uploadParts('SITE_PLAN', await pdfWithJavaScript()), await token()), status: 422, code: 'DOCUMENT_ACTIVE_CONTENT' },
  { name: 'a truncated image', send: async () => upload(uploadParts('IDENTITY_DOCUMENT', await truncatedJpeg(), 'cni.jpg', 'image/jpeg'), await token()), status: 422, code: 'DOCUMENT_UNREADABLE' },
  {
    name: 'an image for a kind that must be a PDF',
    send: async () => upload(uploadParts('ENVIRONMENTAL_IMPACT_STUDY', await jpegImage(), 'etude.jpg', 'image/jpeg'), await token()),
    status: 415,
    code: 'DOCUMENT_TYPE_NOT_ALLOWED',
  },
  { name: 'an upload without a token', send: async () => upload(uploadParts('SITE_PLAN', await cleanPdf()), undefined), status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'an upload with a forged token',
    send: async () => upload(uploadParts('SITE_PLAN', await cleanPdf()), 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a slow upload (half the body, then nothing until the deadline)',
    send: async () => {
      const body = multipartBody(uploadParts('SITE_PLAN', await cleanPdf()));
      return stalledUpload(body, Math.floor(body.length / 2), await token());
    },
    status: 408,
    code: 'DOCUMENT_UPLOAD_TIMEOUT',
  },
  ...['../../etc/passwd.pdf', 'dossier/plan.pdf', 'C:\\plan.pdf', 'plan\u0001.pdf', 'plan\t.pdf', 'plan\u202efdp.exe'].map(
    (filename): BadInput => ({
      name: `a filename ${JSON.stringify(filename)}`,
      send: async () => upload(uploadParts('SITE_PLAN', await cleanPdf(), filename), await token()),
      status: 400,
      code: 'BAD_USER_INPUT',
    }),
  ),
  { name: 'an unknown kind', send: async () => upload(uploadParts('PASSPORT_PHOTO', await cleanPdf()), await token()), status: 400, code: 'BAD_USER_INPUT', field: ['kind'] },
  // Every kind given as a field of the application (the act's number): never a file.
  ...[...documentKindsGivenAsField].map(
    (kind): BadInput => ({
      name: `a kind given as a field (${kind})`,
      send: async () => upload(uploadParts(kind, await cleanPdf()), await token()),
      status: 400,
      code: 'BAD_USER_INPUT',
      field: ['kind'],
    }),
  ),
  {
    name: 'two files in one upload',
    send: async () => upload([...uploadParts('SITE_PLAN', await cleanPdf()), { name: 'file', filename: 'b.pdf', content: await cleanPdf() } satisfies Part], await token()),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
];

describe('POST /documents: bad input, each a typed refusal in French and nothing stored', () => {
  it.each(badInputs)('$name → $status $code', async ({ send, status, code, field }) => {
    const before = storedCounts();
    const answer = await send();
    expect(answer.status).toBe(status);
    const error = answer.body.errors?.[0];
    expect(error?.extensions.code).toBe(code);
    expect(isFrench(error?.message ?? ''), error?.message).toBe(true);
    if (field !== undefined) expect((error?.extensions.fields as { path: string[] }[] | undefined)?.[0]?.path).toEqual(field);
    expect(storedCounts()).toEqual(before);
  });

  it('an upload without a token is told how to authenticate (RFC 6750 challenge)', async () => {
    const answer = await upload(uploadParts('SITE_PLAN', await cleanPdf()), undefined);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="guichet"');
  });
});
