import { compareCursors, followDossierEvents, readDossierEventStream, type DossierEvent } from '../../events/index.js';
import type { Logger } from '../../lib/log/index.js';

export interface DossierEventHubOptions {
  /** `<supervision origin>/internal/dossier-events`. */
  readonly url: string;
  /** A fresh internal token for each upstream connection. */
  readonly internalToken: () => Promise<string>;
  /** Recent events kept for resuming client streams without asking upstream. */
  readonly replayBufferSize: number;
  /** No byte (event or heartbeat) for this long: the connection is dead, reconnect. */
  readonly idleTimeoutMs: number;
  /** First wait before reconnecting; doubles up to `maxReconnectDelayMs`. */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  readonly log: Logger;
}

/** Events after a cursor, when the hub holds all of them; undefined when it cannot vouch for the whole range. */
export type Replay = readonly DossierEvent[] | undefined;

export interface DossierEventHub {
  /** Every event from now on, in cursor order; returns the unsubscribe function. */
  live(listener: (event: DossierEvent) => void): () => void;
  /** The buffered events after `cursor`, or undefined when some may be missing (older than the buffer). */
  replayAfter(cursor: string): Replay;
  /** A connection of its own to the upstream stream, from `after`: for a client resuming past the buffer. */
  catchUp(after: string, signal: AbortSignal, onEvent: (event: DossierEvent) => void): Promise<void>;
  /** Whether the upstream stream is connected now (for logs, metrics and tests). */
  connected(): boolean;
  close(): Promise<void>;
}

/**
 * One connection per gateway process to the supervision subgraph's dossier-event stream, fanned out in-process. It
 * reconnects with `Last-Event-ID` (no gap, no duplicate), and keeps the last events so that a client resuming a
 * dropped stream is served from memory; `floor` is the cursor after which the buffer is complete.
 */
export function createDossierEventHub({ url, internalToken, replayBufferSize, idleTimeoutMs, reconnectDelayMs = 250, maxReconnectDelayMs = 10_000, log }: DossierEventHubOptions): DossierEventHub {
  const listeners = new Set<(event: DossierEvent) => void>();
  const buffer: DossierEvent[] = [];
  let floor: string | undefined;
  let last: string | undefined;
  let isConnected = false;
  const stop = new AbortController();

  const accept = (event: DossierEvent) => {
    // A reconnection may replay what was already received: the cursor decides, never the connection.
    if (last !== undefined && compareCursors(event.cursor, last) <= 0) return;
    last = event.cursor;
    buffer.push(event);
    if (floor === undefined) floor = event.cursor;
    while (buffer.length > replayBufferSize) {
      const evicted = buffer.shift();
      if (evicted) floor = evicted.cursor;
    }
    for (const listener of listeners) listener(event);
  };

  const running = followDossierEvents({
    url,
    internalToken,
    after: () => last,
    onEvent: accept,
    onReset: (oldest) => {
      // Events between `last` and `oldest` are gone upstream: nobody can replay them any more.
      log.warn({ url, after: last, oldest }, 'dossier event stream: cursor older than the retained log, events lost');
      buffer.length = 0;
      floor = undefined;
    },
    onConnection: (connected) => {
      isConnected = connected;
    },
    idleTimeoutMs,
    reconnectDelayMs,
    maxReconnectDelayMs,
    signal: stop.signal,
    log,
  });

  return {
    live(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    replayAfter(cursor) {
      if (floor === undefined || compareCursors(cursor, floor) < 0) return undefined;
      return buffer.filter((event) => compareCursors(event.cursor, cursor) > 0);
    },
    async catchUp(after, signal, onEvent) {
      await readDossierEventStream({
        url,
        internalToken: await internalToken(),
        after,
        signal,
        onActivity: () => undefined,
        onEvent,
        onReset: (oldest) => log.warn({ url, after, oldest }, 'client resumed from a cursor older than the retained log'),
        onMalformed: (reason) => log.warn({ url, reason }, 'dossier event skipped: malformed'),
      });
    },
    connected: () => isConnected,
    async close() {
      stop.abort();
      listeners.clear();
      await running;
    },
  };
}
