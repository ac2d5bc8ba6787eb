import { createConnection, createServer, type Socket } from 'node:net';

/** A mobile link as the bench simulates it: the same shape each way (2G/3G links are asymmetric; we keep it simple). */
export interface LinkProfile {
  /** Bits per second each way, e.g. 400_000 for a loaded 3G cell. */
  readonly bitsPerSecond: number;
  /** Round-trip time added to every exchange: half of it each way. */
  readonly rttMs: number;
}

/** The 3G link of the issue: 400 kbit/s, 300 ms round trip. */
export const slow3g: LinkProfile = { bitsPerSecond: 400_000, rttMs: 300 };

/**
 * One direction of a link: chunks leave one after another at the link's rate (serialization), then travel for half
 * the round trip (propagation). Returns when the chunk of `bytes` written at `nowMs` arrives; `state.busyUntilMs`
 * carries the end of the previous chunk's serialization, so arrivals are in order and the rate holds across chunks.
 */
export function scheduleChunk(state: { busyUntilMs: number }, profile: LinkProfile, nowMs: number, bytes: number): number {
  const departMs = Math.max(nowMs, state.busyUntilMs);
  state.busyUntilMs = departMs + (bytes * 8 * 1_000) / profile.bitsPerSecond;
  return state.busyUntilMs + profile.rttMs / 2;
}

/** Chunks waiting on one direction before its source is paused: bounded memory whatever the answer's size. */
const maxQueuedBytes = 256 * 1_024;

/**
 * Pipes `from` into `to` through one direction of the link, with backpressure on `from`. One FIFO and one timer per
 * direction: timers of close deadlines may fire out of order, chunks must not.
 */
function shape(from: Socket, to: Socket, profile: LinkProfile): void {
  const state = { busyUntilMs: 0 };
  const queue: { readonly chunk: Buffer; readonly arriveAtMs: number }[] = [];
  let queuedBytes = 0;
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const deliver = () => {
    timer = undefined;
    while (queue.length > 0 && (queue[0]?.arriveAtMs ?? 0) <= performance.now()) {
      const { chunk } = queue.shift() as { chunk: Buffer };
      queuedBytes -= chunk.length;
      if (!to.destroyed) to.write(chunk);
    }
    if (queuedBytes <= maxQueuedBytes && from.isPaused()) from.resume();
    const next = queue[0];
    if (next !== undefined) timer = setTimeout(deliver, Math.max(0, next.arriveAtMs - performance.now()));
    else if (ended) to.end();
  };
  from.on('data', (chunk: Buffer) => {
    queue.push({ chunk, arriveAtMs: scheduleChunk(state, profile, performance.now(), chunk.length) });
    queuedBytes += chunk.length;
    if (queuedBytes > maxQueuedBytes) from.pause();
    timer ??= setTimeout(deliver, Math.max(0, (queue[0]?.arriveAtMs ?? 0) - performance.now()));
  });
  from.on('end', () => {
    ended = true;
    if (queue.length === 0 && timer === undefined) to.end();
  });
  // The receiving side gone: nothing left to deliver (the other direction's error handler closes both sockets).
  to.on('close', () => {
    if (timer !== undefined) clearTimeout(timer);
    queue.length = 0;
  });
}

export interface ThrottlingProxy {
  /** `http://127.0.0.1:<port>`: the target's origin as a phone on `profile` reaches it. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback that gives every connection to `target` the rate and delay of a mobile link, both ways: what
 * a phone on 3G sees of the gateway, bytes and time, without touching the gateway. HTTP passes unchanged (keep-alive,
 * streaming, compression), so the bench measures the real protocol.
 */
export function startThrottlingProxy(target: URL, profile: LinkProfile): Promise<ThrottlingProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    shape(client, upstream, profile);
    shape(upstream, client, profile);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('the throttling proxy has no TCP address'));
      resolve({
        origin: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
