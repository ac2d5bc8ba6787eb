import type { IncomingMessage, ServerResponse } from 'node:http';
import { compressBody, defaultCompression, type CompressionOptions } from './compression.js';
import { entityTagOf, ifNoneMatchHits } from './entity-tag.js';
import { negotiateEncoding } from './negotiate-encoding.js';
import { withVary } from './vary.js';

export interface RepresentationOptions {
  /** Compress by `Accept-Encoding` (absent: never). */
  readonly compression?: CompressionOptions;
  /**
   * Give the body a weak `ETag` and answer a matching `If-None-Match` with `304 Not Modified` (absent: no tag).
   * Only for answers a client may store and revalidate (a cacheable GET). `scope` identifies who the answer is for
   * ('' for a public answer): the tag covers it, so one caller's tag never validates another caller's answer.
   */
  readonly entityTag?: { readonly scope: string };
}

/** Headers that describe the body itself: a 304 has none (RFC 9110 §15.4.5 keeps Cache-Control, ETag, Vary…). */
const bodyHeaders = ['content-type', 'content-length', 'content-encoding'];

/**
 * Ends `res` with a complete `body` and the headers already set on it: the ETag and 304 first (a 304 costs no
 * compression), then the content coding the client prefers when the body is large enough to gain from one. A
 * coding that would not make the body smaller is dropped.
 */
export async function sendRepresentation(req: IncomingMessage, res: ServerResponse, status: number, body: string, { compression, entityTag }: RepresentationOptions = {}): Promise<void> {
  let payload: Buffer = Buffer.from(body, 'utf8');
  // The answer depends on Accept-Encoding whenever compression is on, small bodies included: a cache must not hand
  // an uncompressed copy kept for one client to another that asked for brotli, nor the other way round.
  if (compression !== undefined) res.setHeader('vary', withVary(res.getHeader('vary'), 'Accept-Encoding'));
  if (entityTag !== undefined) {
    const etag = entityTagOf(payload, entityTag.scope);
    res.setHeader('etag', etag);
    const ifNoneMatch = req.headers['if-none-match'];
    if ((req.method === 'GET' || req.method === 'HEAD') && ifNoneMatchHits(ifNoneMatch, etag)) {
      for (const name of bodyHeaders) res.removeHeader(name);
      res.writeHead(304);
      res.end();
      return;
    }
  }
  if (compression !== undefined && !res.hasHeader('content-encoding') && payload.length >= (compression.minBytes ?? defaultCompression.minBytes)) {
    const coding = negotiateEncoding(req.headers['accept-encoding']);
    if (coding !== undefined && coding !== 'identity') {
      const compressed = await compressBody(payload, coding, compression);
      if (compressed.length < payload.length) {
        payload = compressed;
        res.setHeader('content-encoding', coding);
      }
    }
  }
  res.setHeader('content-length', payload.length);
  res.statusCode = status;
  res.end(req.method === 'HEAD' ? undefined : payload);
}
