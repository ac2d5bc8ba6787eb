import type { FiguresNews } from './figures-news.js';
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
  /** Least pause between two reads; the pause between all reads without news (or while they are not live). */
  readonly intervalMs: number;
  /**
   * The read model's news for this poller's filter. While they are live the poller reads when news come (at once, or
   * `intervalMs` after its last read: a burst is one read) and otherwise every `idleRefreshMs`; without them, or while
   * they are not live, every `intervalMs`.
   */
  readonly news?: FiguresNews;
  /** Pause between two reads while news are live and none come (what events do not carry). Default `intervalMs`. */
  readonly idleRefreshMs?: number;
  /**
   * News are read this long after the first of them, so that the events of one feed poll — written one after the
   * other (a status change into ACTION_REQUIRED is two) — make one read. Default 100.
   */
  readonly newsSettleMs?: number;
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
 * One upstream read loop shared by every stream of the same token and filter, never two reads at once. It pushes a
 * `figures` frame only when the figures changed, a `failure` frame when reading fails (once per kind of failure), and
 * a `heartbeat` frame every `keepAliveMs`. When it reads: see `news` (after a failure, every `intervalMs` or the
 * answer's Retry-After until a read succeeds).
 */
export function createFiguresPoller({ read, intervalMs, keepAliveMs, readTimeoutMs, onStop, news, idleRefreshMs = intervalMs, newsSettleMs = 100 }: FiguresPollerOptions): FiguresPoller {
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
  // The schedule, on the monotonic clock (a wall-clock step must not stall or rush the reads).
  let reading = true;
  let lastEndMs = 0;
  /** Least pause after the last read: `intervalMs`, or the graph's Retry-After when longer. */
  let pauseMs = intervalMs;
  /** The last read failed: read again at the fast pace, news or not. */
  let failing = false;
  /** When the first news since the last read started came; undefined: none came. */
  let pendingSinceMs: number | undefined;
  /** The pending read re-checks a read that news woke and that found nothing new. */
  let confirming = false;

  const broadcast = (frame: string) => {
    for (const subscriber of subscribers) subscriber.write(frame);
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    controller.abort();
    clearTimeout(timer);
    clearInterval(heartbeat);
    unsubscribeNews();
    for (const subscriber of subscribers) subscriber.end();
    subscribers.clear();
    onStop();
  };

  /** Handles one read; returns whether it pushed new figures. */
  const handle = (result: FiguresRead): boolean => {
    readAt = new Date().toISOString();
    if (result.kind === 'figures') {
      failing = false;
      pauseMs = intervalMs;
      asOf = (result.data.supervision as Record<string, unknown>).asOf;
      const key = `${withoutAsOf(result.data)}|${result.partial.join(',')}`;
      if (key === lastKey) return false;
      lastKey = key;
      eventId += 1;
      currentFrame = sseFrame('figures', { data: result.data, partial: result.partial, readAt }, eventId);
      broadcast(currentFrame);
      return true;
    }
    failing = true;
    pauseMs = Math.max(intervalMs, result.retryAfterMs ?? 0);
    const fatal = isFatalFailure(result.code);
    const key = `failure:${result.code}`;
    if (key !== lastKey || fatal) {
      lastKey = key;
      currentFrame = sseFrame('failure', { code: result.code, fatal, readAt });
      broadcast(currentFrame);
    }
    if (fatal) stop();
    return false;
  };

  const readOnce = async (): Promise<FiguresRead> => {
    try {
      return await read(AbortSignal.any([controller.signal, AbortSignal.timeout(readTimeoutMs)]));
    } catch {
      return { kind: 'failure', code: 'UPSTREAM_UNAVAILABLE', httpStatus: 0 };
    }
  };

  /** When the next read is due: at the fast pace without live news or after a failure; soon after news; else the idle refresh. */
  const dueAt = (): number => {
    const earliest = lastEndMs + pauseMs;
    if (news === undefined || failing || !news.live()) return earliest;
    if (pendingSinceMs !== undefined) return Math.max(earliest, pendingSinceMs + newsSettleMs);
    return Math.max(earliest, lastEndMs + idleRefreshMs);
  };
  const plan = (): void => {
    clearTimeout(timer);
    if (stopped || reading) return;
    const waitMs = dueAt() - performance.now();
    if (waitMs <= 0) {
      void readNext();
      return;
    }
    // Waiting for news: look again every interval, so that news going quiet (the hub cut from upstream) brings the
    // fast pace back within one interval. A look is a clock check, not a read.
    timer = setTimeout(plan, news === undefined || pendingSinceMs !== undefined ? waitMs : Math.min(waitMs, intervalMs));
  };
  const afterRead = (result: FiguresRead, woken: boolean, confirmation: boolean): void => {
    reading = false;
    lastEndMs = performance.now();
    if (stopped) return;
    const changed = handle(result);
    // News woke this read and it found nothing new: the replica that answered may not have loaded the change yet
    // (scaled mode: a follower reloads every SUPERVISION_POLL_MS). One more read at the next mark, not more.
    if (woken && !confirmation && !changed && pendingSinceMs === undefined && result.kind === 'figures') {
      pendingSinceMs = lastEndMs;
      confirming = true;
    }
    plan();
  };
  const readNext = async (): Promise<void> => {
    reading = true;
    const woken = pendingSinceMs !== undefined;
    const confirmation = confirming;
    pendingSinceMs = undefined;
    confirming = false;
    afterRead(await readOnce(), woken, confirmation);
  };

  const unsubscribeNews =
    news?.subscribe(() => {
      // New news make the pending read a read of its own, confirmed in turn if it finds nothing.
      confirming = false;
      if (pendingSinceMs !== undefined) return;
      pendingSinceMs = performance.now();
      plan();
    }) ?? (() => undefined);
  const heartbeat = setInterval(() => broadcast(sseFrame('heartbeat', { asOf, readAt })), keepAliveMs);
  const firstRead = readOnce().then((result) => {
    afterRead(result, false, false);
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
