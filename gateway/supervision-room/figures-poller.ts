import type { FiguresRead } from './read-figures.js';

/** One open stream of the room, as the poller sees it. */
export interface FiguresSubscriber {
  /** Writes one Server-Sent Events frame. */
  write(frame: string): void;
  /** Ends the stream (the poller stopped for good). */
  end(): void;
}

export interface FiguresPollerOptions {
  /** One read of the figures; aborted when the poller stops or the read takes longer than `readTimeoutMs`. */
  readonly read: (signal: AbortSignal) => Promise<FiguresRead>;
  /** Pause between two reads. */
  readonly intervalMs: number;
  /** A heartbeat frame to every stream this often, so that proxies keep it open and the page knows it is alive. */
  readonly keepAliveMs: number;
  readonly readTimeoutMs: number;
  /** Called once, when the poller stops (last subscriber gone, fatal failure, or shutdown). */
  readonly onStop: () => void;
}

export interface FiguresPoller {
  /** The first read: the route answers 401/403/429 from it before opening a stream. */
  readonly firstRead: Promise<FiguresRead>;
  /** Adds a stream (frames from now on); returns its unsubscribe, which stops the poller with the last stream. */
  subscribe(subscriber: FiguresSubscriber): () => void;
  /** The latest `figures` or `failure` frame, for a stream that opens now. */
  readonly currentFrame: string | undefined;
  readonly subscriberCount: number;
  /** Stops reading and ends every stream. */
  stop(): void;
}

/** Failures no later read will fix: the streams are told, then closed (the page asks to sign in again). */
const fatalCodes = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'DOCUMENT_NOT_TRUSTED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND']);

export const isFatalFailure = (code: string): boolean => fatalCodes.has(code);

export const sseFrame = (event: string, data: unknown, id?: number): string => `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** `supervision.asOf` moves whenever the read model ingests, changed figures or not: it is left out of the comparison. */
function withoutAsOf(data: Readonly<Record<string, unknown>>): string {
  const supervision = data.supervision as Record<string, unknown>;
  const { asOf: _asOf, ...figures } = supervision;
  return JSON.stringify({ ...data, supervision: figures });
}

/**
 * One upstream read loop shared by every stream of the same token and filter: reads every `intervalMs` (never two
 * at once), pushes a `figures` frame only when the figures changed, a `failure` frame when reading fails (once per
 * kind of failure), and a `heartbeat` frame every `keepAliveMs`.
 */
export function createFiguresPoller({ read, intervalMs, keepAliveMs, readTimeoutMs, onStop }: FiguresPollerOptions): FiguresPoller {
  const subscribers = new Set<FiguresSubscriber>();
  const controller = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let eventId = 0;
  /** What was last pushed: the figures without `asOf`, or `failure:<code>`. */
  let lastKey: string | undefined;
  /** The frame a newcomer gets at once. */
  let currentFrame: string | undefined;
  let asOf: unknown;
  let readAt: string | undefined;

  const broadcast = (frame: string) => {
    for (const subscriber of subscribers) subscriber.write(frame);
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    controller.abort();
    clearTimeout(timer);
    clearInterval(heartbeat);
    for (const subscriber of subscribers) subscriber.end();
    subscribers.clear();
    onStop();
  };

  /** Handles one read; returns the pause before the next one. */
  const handle = (result: FiguresRead): number => {
    readAt = new Date().toISOString();
    if (result.kind === 'figures') {
      asOf = (result.data.supervision as Record<string, unknown>).asOf;
      const key = `${withoutAsOf(result.data)}|${result.partial.join(',')}`;
      if (key !== lastKey) {
        lastKey = key;
        eventId += 1;
        currentFrame = sseFrame('figures', { data: result.data, partial: result.partial, readAt }, eventId);
        broadcast(currentFrame);
      }
      return intervalMs;
    }
    const fatal = isFatalFailure(result.code);
    const key = `failure:${result.code}`;
    if (key !== lastKey || fatal) {
      lastKey = key;
      currentFrame = sseFrame('failure', { code: result.code, fatal, readAt });
      broadcast(currentFrame);
    }
    if (fatal) stop();
    return Math.max(intervalMs, result.retryAfterMs ?? 0);
  };

  const readOnce = async (): Promise<FiguresRead> => {
    try {
      return await read(AbortSignal.any([controller.signal, AbortSignal.timeout(readTimeoutMs)]));
    } catch {
      return { kind: 'failure', code: 'UPSTREAM_UNAVAILABLE', httpStatus: 0 };
    }
  };
  const loop = async (): Promise<void> => {
    const pauseMs = handle(await readOnce());
    if (!stopped) timer = setTimeout(() => void loop(), pauseMs);
  };

  const heartbeat = setInterval(() => broadcast(sseFrame('heartbeat', { asOf, readAt })), keepAliveMs);
  const firstRead = readOnce().then((result) => {
    if (!stopped) {
      const pauseMs = handle(result);
      if (!stopped) timer = setTimeout(() => void loop(), pauseMs);
    }
    return result;
  });

  return {
    firstRead,
    subscribe(subscriber) {
      if (stopped) {
        subscriber.end();
        return () => undefined;
      }
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0) stop();
      };
    },
    get currentFrame() {
      return currentFrame;
    },
    get subscriberCount() {
      return subscribers.size;
    },
    stop,
  };
}
