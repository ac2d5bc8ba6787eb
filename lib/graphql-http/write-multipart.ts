import type { ServerResponse } from 'node:http';
import type { IncrementalChannel } from './incremental-response.js';

const partHead = 'content-type: application/json; charset=utf-8\r\n\r\n';

/**
 * Writes an incremental answer as `multipart/mixed; boundary="-"` the way Apollo Server and Router frame it: each part
 * is followed at once by its delimiter (`---`, or `-----` after the last), so that a client parses a part as soon as
 * it arrives instead of waiting for the next one.
 */
export async function writeMultipart(res: ServerResponse, channel: IncrementalChannel): Promise<void> {
  for (const [key, value] of channel.headers) if (key !== 'content-length') res.setHeader(key, value);
  res.statusCode = 200;
  res.setHeader('content-type', `multipart/mixed; boundary="-"; ${channel.format}`);
  // Each part holds what it holds for this caller only, and a proxy must not buffer the stream.
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-accel-buffering', 'no');
  let first = true;
  let ended = false;
  for await (const payload of channel.payloads()) {
    ended = !payload.hasNext;
    if (res.destroyed) continue;
    res.write(`${first ? '\r\n---\r\n' : ''}${partHead}${JSON.stringify(payload)}\r\n---${ended ? '--' : ''}\r\n`);
    first = false;
  }
  // Closed without a last payload: a last one, so that clients stop waiting.
  if (!ended && !res.destroyed) res.write(`${partHead}{"hasNext":false}\r\n-----\r\n`);
  res.end();
}
