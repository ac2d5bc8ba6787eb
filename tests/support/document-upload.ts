import { request } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { inject } from 'vitest';

/** One part of a hand-built multipart body: exact bytes, so that tests can send what a browser's FormData would escape. */
export interface Part {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly content: Buffer | string;
}

export const boundary = '----guichet-test-boundary-7MA4YWxkTrZu0gW';

export function multipartBody(parts: readonly Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const headers = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType === undefined ? '' : `Content-Type: ${part.contentType}\r\n`}\r\n`;
    chunks.push(Buffer.from(headers, 'utf8'), Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** The upload form as the portal sends it: the kind, then the file. */
export function uploadParts(kind: string, content: Buffer, filename = 'piece.pdf', contentType = 'application/pdf'): Part[] {
  return [
    { name: 'kind', content: kind },
    { name: 'file', filename, contentType, content },
  ];
}

export interface UploadAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { id?: string; sha256?: string; mediaType?: string; size?: number; errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[] };
}

export const documentsUrl = () => new URL('/documents', inject('gatewayUrl')).toString();

/** POST /documents with a hand-built body (`token` undefined: no Authorization header). */
export async function upload(parts: readonly Part[], token: string | undefined): Promise<UploadAnswer> {
  const response = await fetch(documentsUrl(), {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: multipartBody(parts),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as UploadAnswer['body'] };
}

/**
 * Sends the first `sentBytes` of a body that announces more, then nothing: a client on a dying connection. Resolves
 * with the gateway's answer (status and JSON body), or rejects if the connection ends without one.
 */
export function stalledUpload(body: Buffer, sentBytes: number, token: string): Promise<{ status: number; body: UploadAnswer['body'] }> {
  return new Promise((resolve, reject) => {
    const req = request(documentsUrl(), {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length, authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as UploadAnswer['body'] });
      });
    });
    req.on('error', reject);
    req.write(body.subarray(0, sentBytes));
  });
}

/** What the gateway's store holds: rows of its index and files of its content-addressed folder. */
export function storedCounts(directory: string = inject('documentsPath')): { rows: number; blobs: number } {
  const blobs = join(directory, 'blobs');
  const files = existsSync(blobs) ? readdirSync(blobs, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length : 0;
  if (!existsSync(join(directory, 'documents.db'))) return { rows: 0, blobs: files };
  const db = new BetterSqlite3(join(directory, 'documents.db'), { readonly: true, fileMustExist: true });
  try {
    return { rows: (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n, blobs: files };
  } finally {
    db.close();
  }
}
