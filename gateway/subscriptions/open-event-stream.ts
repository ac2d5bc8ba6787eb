import { compareCursors, type DossierEvent } from '../../events/index.js';
import type { DossierEventHub } from './create-dossier-event-hub.js';

/** Why a subscriber's stream ended on the gateway's side; each becomes the stream's last, typed error. */
export type StreamEnd = 'TOKEN_EXPIRED' | 'SLOW_CONSUMER' | 'SHUTTING_DOWN' | 'UPSTREAM_UNAVAILABLE';

/** What a subscriber's stream yields: its events, then at most one end. */
export type StreamItem = { readonly kind: 'event'; readonly event: DossierEvent } | { readonly kind: 'end'; readonly reason: StreamEnd };

export interface EventStreamOptions {
  readonly hub: DossierEventHub;
  /** Resume after this cursor; undefined: from now on. */
  readonly after: string | undefined;
  /** Which events this subscriber may receive. */
  readonly accepts: (event: DossierEvent) => boolean;
  /** Events waiting for a slow client, at most; one more ends its stream (`SLOW_CONSUMER`). */
  readonly maxQueued: number;
  /** Called for each event as it is handed to the client (the audit trail). */
  readonly onDelivered: (event: DossierEvent) => void;
  /** Called once when the gateway ends the stream (before its last message is read): the transport may then close. */
  readonly onEnd?: (reason: StreamEnd) => void;
  /** Called once when the stream is over, whatever ended it. */
  readonly onClosed: () => void;
}

export interface EventStream extends AsyncIterableIterator<StreamItem> {
  /** Ends the stream with a final typed error (token expiry, shutdown). */
  end(reason: StreamEnd): void;
}

/**
 * One subscriber's events: from the hub's buffer when it resumes within it, from an upstream connection of its own
 * when it resumes past it (until the hub's buffer covers the rest), then live. One cursor decides what is new, so that
 * a source switch never yields an event twice nor skips one. The queue is bounded: a client that does not read is
 * told so and closed, never allowed to grow the gateway's memory.
 */
export function openEventStream({ hub, after, accepts, maxQueued, onDelivered, onEnd, onClosed }: EventStreamOptions): EventStream {
  const queue: StreamItem[] = [];
  let waiting: ((result: IteratorResult<StreamItem>) => void) | undefined;
  let last = after;
  let ended = false;
  let done = false;
  let goingLive = after === undefined;
  const catchUp = new AbortController();

  const push = (item: StreamItem) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: item, done: false });
    } else queue.push(item);
  };
  const finish = (reason: StreamEnd) => {
    if (ended) return;
    ended = true;
    stopLive();
    catchUp.abort();
    // What a slow client has not read yet is dropped: its last message says why, and its cursor says where to resume.
    if (reason === 'SLOW_CONSUMER') queue.length = 0;
    push({ kind: 'end', reason });
    onEnd?.(reason);
  };
  const offer = (event: DossierEvent) => {
    if (ended) return;
    if (last !== undefined && compareCursors(event.cursor, last) <= 0) return;
    last = event.cursor;
    if (!accepts(event)) return;
    if (queue.length >= maxQueued) return finish('SLOW_CONSUMER');
    push({ kind: 'event', event });
  };
  const stopLive = hub.live((event) => {
    if (goingLive) offer(event);
  });
  const goLive = () => {
    if (last !== undefined) for (const event of hub.replayAfter(last) ?? []) offer(event);
    goingLive = true;
  };

  if (after !== undefined) {
    if (hub.replayAfter(after) !== undefined) goLive();
    else
      void (async () => {
        // Past the buffer: read upstream from the client's cursor until the hub's buffer covers where it stands.
        const reader = hub.catchUp(after, catchUp.signal, (event) => {
          offer(event);
          if (!goingLive && last !== undefined && hub.replayAfter(last) !== undefined) {
            goLive();
            catchUp.abort();
          }
        });
        try {
          await reader;
        } catch {
          // aborted once live, or upstream failed
        }
        if (!goingLive && !ended) finish('UPSTREAM_UNAVAILABLE');
      })();
  }

  const close = () => {
    if (!done) {
      done = true;
      ended = true;
      stopLive();
      catchUp.abort();
      queue.length = 0;
      onClosed();
    }
  };

  const stream: EventStream = {
    next() {
      if (done) return Promise.resolve({ value: undefined, done: true });
      const item = queue.shift();
      if (item !== undefined) {
        if (item.kind === 'event') onDelivered(item.event);
        // After the end item, the stream is over.
        else queueMicrotask(close);
        return Promise.resolve({ value: item, done: false });
      }
      if (ended) {
        close();
        return Promise.resolve({ value: undefined, done: true });
      }
      return new Promise<IteratorResult<StreamItem>>((resolve) => {
        waiting = (result) => {
          if (!result.done && result.value.kind === 'event') onDelivered(result.value.event);
          if (!result.done && result.value.kind === 'end') queueMicrotask(close);
          resolve(result);
        };
      });
    },
    return() {
      const resolve = waiting;
      waiting = undefined;
      close();
      resolve?.({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error: unknown) {
      close();
      return Promise.reject(error);
    },
    end: finish,
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
