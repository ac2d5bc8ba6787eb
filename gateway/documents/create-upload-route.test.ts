import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../audit/index.js';
import { createFileDocumentStore } from '../../documents/index.js';
import { cleanPdf } from '../../documents/test-support/sample-files.js';
import { createRequestListener, listen } from '../../lib/http/index.js';
import { createLogger } from '../../lib/log/index.js';
import { createUploadRoute } from './create-upload-route.js';

const root = mkdtempSync(join(tmpdir(), 'guichet-upload-route-'));
const store = createFileDocumentStore({ directory: root });
const audited: AuditEntry[] = [];
let server: Server;
let url: string;
const boundary = 'route-test-boundary';

beforeAll(async () => {
  const route = createUploadRoute({
    // The caller is named by a header here: the token check itself is the gateway's (tests/integration/documents).
    context: async (req) => ({
      principal: { subject: String(req.headers['x-subject']), role: 'citizen', niu: '100000000001', scopes: ['citizen'], clientId: 'portail-web' },
      clientIp: '127.0.0.1',
      traceId: '0'.repeat(32),
    }),
    store,
    audit: async (entries) => void audited.push(...entries),
    maxBytes: 1_000_000,
    uploadDeadlineMs: 1_500,
    maxUploadsPerCaller: 2,
    log: createLogger('upload-route-test', 'silent'),
  });
  server = createServer(createRequestListener({ 'POST /documents': route }));
  url = `${await listen(server, '127.0.0.1', 0)}/documents`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

function body(pdf: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nSITE_PLAN\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\n\r\n`),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

/** Sends half the body and waits for the answer (the deadline's, or a refusal). */
function stalled(subject: string, whole: Buffer): Promise<{ status: number; code: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': whole.length, 'x-subject': subject } });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, code: (JSON.parse(Buffer.concat(chunks).toString()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code });
      });
    });
    req.on('error', reject);
    req.write(whole.subarray(0, whole.length >> 1));
  });
}

describe('POST /documents: uploads in progress per caller', () => {
  it('refuses a third upload in progress from the same caller (429), not another caller’s, and frees the slots after', async () => {
    const whole = body(await cleanPdf());
    const first = stalled('citizen-a', whole);
    const second = stalled('citizen-a', whole);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await stalled('citizen-a', whole)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    const otherCaller = await fetch(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-subject': 'citizen-b' }, body: whole });
    expect(otherCaller.status).toBe(201);
    expect(await first).toEqual({ status: 408, code: 'DOCUMENT_UPLOAD_TIMEOUT' });
    expect(await second).toEqual({ status: 408, code: 'DOCUMENT_UPLOAD_TIMEOUT' });
    const after = await fetch(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-subject': 'citizen-a' }, body: whole });
    expect(after.status).toBe(201);
    expect(audited.map((entry) => entry.operationName)).toEqual(['document:store', 'document:store']);
  });
});
