import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from './index.js';
import { sendRepresentation, type RepresentationOptions } from './send-representation.js';

/** A raw client: fetch would decompress and hide Content-Encoding's effect on the bytes. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const big = JSON.stringify({ data: { items: Array.from({ length: 200 }, (_, i) => ({ reference: `CEET-2026-${String(i).padStart(6, '0')}`, status: 'IN_PROGRESS' })) } });
const small = '{"data":{"ok":true}}';
let options: RepresentationOptions = {};
let body = big;
let server: ReturnType<typeof createServer>;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'private, no-cache');
    res.setHeader('vary', 'Accept, Authorization');
    void sendRepresentation(req, res, 200, body, options);
  });
  url = await listen(server, '127.0.0.1', 0);
});
afterAll(() => closeServer(server));

describe('compression', () => {
  it('compresses by Accept-Encoding, says so, and varies on it', async () => {
    options = { compression: {} };
    body = big;
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept, Authorization, Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(big.length / 5);
    expect(brotliDecompressSync(br.body).toString()).toBe(big);
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(big);
    const none = await get(url, {});
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.toString()).toBe(big);
    // Every coding we have refused: the body goes as it is (RFC 9110 allows it; a 406 would punish a header slip).
    expect((await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0, identity;q=0' })).body.toString()).toBe(big);
  });

  it('leaves a body under the threshold alone, but still varies on Accept-Encoding', async () => {
    options = { compression: { minBytes: 1024 } };
    body = small;
    const reply = await get(url, { 'accept-encoding': 'br' });
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.vary).toContain('Accept-Encoding');
    expect(reply.body.toString()).toBe(small);
  });

  it('never compresses when compression is off, nor adds Vary for it', async () => {
    options = {};
    body = big;
    const reply = await get(url, { 'accept-encoding': 'br' });
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.vary).toBe('Accept, Authorization');
  });
});

describe('ETag and 304', () => {
  it('tags the body, answers a matching If-None-Match with a bare 304 that keeps the caching headers', async () => {
    options = { compression: {}, entityTag: { scope: 'caller:a' } };
    body = big;
    const full = await get(url, { 'accept-encoding': 'br' });
    const etag = full.headers.etag;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    for (const ifNoneMatch of [etag!, `"other", ${etag}`, etag!.replace(/^W\//, ''), '*']) {
      const revalidated = await get(url, { 'accept-encoding': 'br', 'if-none-match': ifNoneMatch });
      expect(revalidated.status).toBe(304);
      expect(revalidated.body.length).toBe(0);
      expect(revalidated.headers).toMatchObject({ etag, 'cache-control': 'private, no-cache', vary: 'Accept, Authorization, Accept-Encoding' });
      expect(revalidated.headers['content-type']).toBeUndefined();
      expect(revalidated.headers['content-encoding']).toBeUndefined();
    }
    // The same tag whatever the coding: it is weak, the representation is the same.
    expect((await get(url, { 'accept-encoding': 'gzip' })).headers.etag).toBe(etag);
    expect((await get(url, { 'if-none-match': 'W/"stale"' })).status).toBe(200);
  });

  it('gives another caller another tag for the same bytes: one caller’s tag never validates another’s answer', async () => {
    body = big;
    options = { entityTag: { scope: 'caller:a' } };
    const a = (await get(url)).headers.etag!;
    options = { entityTag: { scope: 'caller:b' } };
    const b = await get(url, { 'if-none-match': a });
    expect(b.status).toBe(200);
    expect(b.headers.etag).not.toBe(a);
    expect(b.body.toString()).toBe(big);
    // Another body for the same caller: another tag.
    body = small;
    expect((await get(url, { 'if-none-match': b.headers.etag! })).status).toBe(200);
  });

  it('has no tag when none is asked for', async () => {
    options = { compression: {} };
    body = big;
    const reply = await get(url, { 'if-none-match': '*' });
    expect([reply.status, reply.headers.etag]).toEqual([200, undefined]);
  });
});
