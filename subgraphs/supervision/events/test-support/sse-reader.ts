import { request, type IncomingMessage } from 'node:http';

/** One Server-Sent Events block: a comment (`: heartbeat`), or an event with its fields. */
export interface SseFrame {
  readonly comment?: string;
  readonly event?: string;
  readonly id?: string;
  readonly data?: string;
  readonly retry?: string;
}

export interface SseConnection {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  /** Every frame received so far, in order. */
  readonly frames: SseFrame[];
  /** The body of a refused request (not 200). */
  readonly body: string;
  /** Resolves once a received frame matches (looking at those already there too); rejects if the stream ends first. */
  until(match: (frame: SseFrame) => boolean): Promise<SseFrame>;
  /** Resolves when the server ends or cuts the stream. */
  readonly ended: Promise<void>;
  /** Stops reading from the socket (a slow reader): the server's writes pile up. */
  pause(): void;
  close(): void;
}

/** Opens `url` over plain node:http and parses the event stream as the SSE specification says (blank-line blocks). */
export function openSse(url: string, headers: Readonly<Record<string, string>> = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const frames: SseFrame[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      let body = '';
      let done = false;
      const notify = () => {
        for (const waiter of [...waiters]) waiter();
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (res.statusCode !== 200) {
          body += chunk;
          return;
        }
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else {
              const colon = line.indexOf(':');
              const name = colon === -1 ? line : line.slice(0, colon);
              const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
              frame[name] = name === 'data' && frame.data !== undefined ? `${frame.data}\n${value}` : value;
            }
          }
          frames.push(frame);
          end = buffer.indexOf('\n\n');
        }
        notify();
      });
      const ended = new Promise<void>((resolveEnd) => {
        const finish = () => {
          done = true;
          notify();
          resolveEnd();
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      });
      const connection: SseConnection = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        frames,
        get body() {
          return body;
        },
        until(match) {
          return new Promise((resolveFrame, rejectFrame) => {
            let checked = 0;
            const check = () => {
              let found: SseFrame | undefined;
              while (found === undefined && checked < frames.length) {
                const frame = frames[checked++] as SseFrame;
                if (match(frame)) found = frame;
              }
              if (found) {
                waiters.delete(check);
                resolveFrame(found);
              } else if (done) {
                waiters.delete(check);
                rejectFrame(new Error(`stream ended without the frame, after ${frames.length} frames; the last: ${JSON.stringify(frames.at(-1))}`));
              }
            };
            waiters.add(check);
            check();
          });
        },
        ended,
        pause: () => res.socket.pause(),
        close: () => req.destroy(),
      };
      if (res.statusCode === 200) resolve(connection);
      else res.on('end', () => resolve(connection));
    });
    req.on('error', reject);
    req.end();
  });
}
