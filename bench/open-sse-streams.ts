import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';

/** Many GraphQL-over-SSE subscriptions held open from the bench's process, one HTTP connection each. */
export interface SseStreams {
  /** Streams answered 200 and still open. */
  readonly open: number;
  /** Streams refused (status other than 200) or that could not connect. */
  readonly refused: number;
  /** Streams that ended after they opened (the server closed them, or the connection dropped). */
  readonly ended: number;
  /** `next` messages received over all streams. */
  readonly events: number;
  readonly failureSamples: readonly string[];
  /** Opens `count` more streams, `concurrency` at a time, the i-th with `tokenAt(i)`; resolves once each answered. */
  add(count: number, tokenAt: (index: number) => string, concurrency?: number): Promise<void>;
  /** Closes every stream (the bench's side: the gateway sees the connections go). */
  closeAll(): void;
}

/**
 * graphql-sse's distinct connections mode at its wire level (POST `/graphql/stream`, `Accept: text/event-stream`),
 * with node:http rather than the client library: the figure measures the gateway's cost per stream, and ten
 * thousand library clients would make the bench's own process, on the same two cores, the bottleneck. Each stream
 * has its own socket (an agent without keep-alive or socket limit), as each phone would.
 */
export function createSseStreams(origin: string, query: string): SseStreams {
  const url = new URL('/graphql/stream', origin);
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const body = JSON.stringify({ query });
  const live = new Set<{ req: ClientRequest; res?: IncomingMessage }>();
  let opened = 0;
  let refused = 0;
  let ended = 0;
  let events = 0;
  let closing = false;
  let issued = 0;
  const failures: string[] = [];
  const fail = (why: string) => {
    if (failures.length < 5) failures.push(why);
  };
  const openOne = (token: string) =>
    new Promise<void>((resolve) => {
      const entry: { req: ClientRequest; res?: IncomingMessage } = {
        req: request(url, {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) },
        }),
      };
      live.add(entry);
      entry.req.on('response', (res) => {
        entry.res = res;
        if (res.statusCode !== 200) {
          refused += 1;
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            fail(`HTTP ${res.statusCode} ${text.slice(0, 200)}`);
            live.delete(entry);
            resolve();
          });
          return;
        }
        opened += 1;
        // A chunk may split `event: next`: the last 10 characters (one short of it, so never a whole one already
        // counted) go in front of the next chunk.
        let tail = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const text = tail + chunk;
          events += text.split('event: next').length - 1;
          tail = text.slice(-10);
        });
        res.on('close', () => {
          live.delete(entry);
          if (closing) return;
          ended += 1;
          fail('a stream ended after it opened');
        });
        resolve();
      });
      entry.req.on('error', (error) => {
        live.delete(entry);
        if (closing) return resolve();
        if (entry.res === undefined) refused += 1;
        fail(error.message);
        resolve();
      });
      entry.req.end(body);
    });
  return {
    get open() {
      return opened - ended;
    },
    get refused() {
      return refused;
    },
    get ended() {
      return ended;
    },
    get events() {
      return events;
    },
    get failureSamples() {
      return failures;
    },
    async add(count, tokenAt, concurrency = 64) {
      const first = issued;
      issued += count;
      let next = first;
      const worker = async () => {
        for (let i = next++; i < first + count; i = next++) await openOne(tokenAt(i));
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    },
    closeAll() {
      closing = true;
      for (const entry of live) entry.req.destroy();
      live.clear();
      agent.destroy();
    },
  };
}
