import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { closeServer, listen, readBody } from '../../../lib/http/index.js';

/**
 * Test-only: an in-process HTTP server that plays a hostile or broken legacy system (a DOCTYPE in its XML, an
 * endless body, a gzip bomb, a man in the middle rewriting a real simulator's answers). Not part of any adapter.
 */
export type HostileHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HostileServer {
  /** Root URL, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Every request received, as `METHOD /path?query` (what the adapter really sent). */
  readonly received: string[];
  /** Changes how the server answers from now on. */
  use(handler: HostileHandler): void;
  close(): Promise<void>;
}

export async function startHostileServer(initial: HostileHandler): Promise<HostileServer> {
  let handler = initial;
  const received: string[] = [];
  const server = createServer((req, res) => {
    received.push(`${req.method ?? 'GET'} ${req.url ?? '/'}`);
    Promise.resolve(handler(req, res)).catch(() => res.destroy());
  });
  const url = await listen(server, '127.0.0.1', 0);
  return {
    url,
    received,
    use: (next) => {
      handler = next;
    },
    close: () => closeServer(server, 0),
  };
}

/**
 * Forwards each request to a real legacy simulator and hands its answer to `rewrite` before replying: the real
 * system's bytes with one hostile change.
 */
export function rewritingProxy(targetOrigin: string, rewrite: (body: string, req: IncomingMessage) => string = (body) => body): HostileHandler {
  return async (req, res) => {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, 10_000_000);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length', 'accept-encoding'].includes(name)) headers[name] = value;
    }
    const upstream = await fetch(new URL(req.url ?? '/', targetOrigin), { method: req.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
    const text = rewrite(await upstream.text(), req);
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
}

export interface EndlessBodyOptions {
  readonly status?: number;
  readonly contentType: string;
  /** Sent first (the start of a plausible payload). */
  readonly prefix: string;
  /** Repeated after the prefix. */
  readonly filler: string;
  /** Hard bound on what is sent, so the test always ends (default 200 MB). */
  readonly maxBytes?: number;
  /** Compresses on the fly: a few kilobytes on the wire, `maxBytes` once inflated. */
  readonly gzip?: boolean;
  /** Called with the bytes written (before compression) when the server stops. */
  readonly onDone?: (bytesWritten: number) => void;
}

/**
 * A body that never seems to end, without Content-Length: written as fast as the client reads, until the client
 * hangs up or `maxBytes` is reached. `bytesWritten` far below `maxBytes` proves the client stopped reading early.
 */
export function endlessBody(options: EndlessBodyOptions): HostileHandler {
  const { status = 200, contentType, prefix, filler, maxBytes = 200_000_000, gzip = false, onDone } = options;
  return async (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    const sink = gzip ? createGzip() : res;
    if (gzip) {
      sink.pipe(res);
      res.on('close', () => sink.destroy());
    }
    const block = Buffer.from(filler.repeat(Math.max(1, Math.floor(65_536 / Math.max(1, filler.length)))));
    const closed = once(res, 'close');
    let written = 0;
    const write = async (chunk: Buffer) => {
      written += chunk.length;
      if (!sink.write(chunk)) await Promise.race([once(sink, 'drain').catch(() => undefined), closed]);
    };
    await write(Buffer.from(prefix));
    while (written < maxBytes && !res.destroyed && !sink.destroyed) await write(block);
    if (!res.destroyed) sink.end();
    onDone?.(written);
  };
}
