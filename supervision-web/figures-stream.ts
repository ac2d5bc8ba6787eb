import type { FiguresMessage, RoomFilter } from './overview.js';
import { createSseParser, type SseMessage } from './sse-parser.js';

export type StreamEvent =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open' }
  | { readonly kind: 'figures'; readonly message: FiguresMessage }
  | { readonly kind: 'heartbeat'; readonly asOf: string | null; readonly readAt: string | null }
  /** The server could not read the figures (`fatal`: it will not try again; the stream ends). */
  | { readonly kind: 'failure'; readonly code: string; readonly fatal: boolean }
  /** The server refused the stream (bad token, not a supervisor, bad filter): no retry. */
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly message: string }
  /** The connection dropped or was turned away for now (`reason`: the server's words, e.g. too many screens); next attempt in `retryInMs`. */
  | { readonly kind: 'lost'; readonly retryInMs: number; readonly reason?: string };

export interface FiguresStream {
  close(): void;
}

/** No frame for this long (the server sends a heartbeat every 15 s): the connection is presumed dead. */
const silenceLimitMs = 40_000;

function eventsUrl(filter: RoomFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (typeof value === 'string' && value !== '') params.set(name, value);
  const query = params.toString();
  return `/supervision/events${query ? `?${query}` : ''}`;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The live channel: Server-Sent Events read through `fetch`, because `EventSource` cannot carry the bearer token
 * in a header (and the token must never sit in a URL). Reconnects with backoff; stops on a refusal.
 */
export function openFiguresStream(filter: RoomFilter, token: string, onEvent: (event: StreamEvent) => void): FiguresStream {
  const closed = new AbortController();
  let stopped = false;
  /** Reset by every successful open: the backoff grows only over failures in a row. */
  let attempt = 0;
  const dispatch = ({ event, data }: SseMessage) => {
    const value = JSON.parse(data) as Record<string, unknown>;
    if (event === 'figures') onEvent({ kind: 'figures', message: value as unknown as FiguresMessage });
    else if (event === 'heartbeat') onEvent({ kind: 'heartbeat', asOf: (value.asOf as string | undefined) ?? null, readAt: (value.readAt as string | undefined) ?? null });
    else if (event === 'failure') {
      const fatal = value.fatal === true;
      if (fatal) stopped = true;
      onEvent({ kind: 'failure', code: String(value.code), fatal });
    }
  };

  /** Why the server turned this attempt away for now, and when it asked to come back. */
  let turnedAway: string | undefined;
  const connectOnce = async (): Promise<number | undefined> => {
    turnedAway = undefined;
    const connection = new AbortController();
    const abortConnection = () => connection.abort();
    closed.signal.addEventListener('abort', abortConnection, { once: true });
    let lastFrameAt = Date.now();
    const watchdog = setInterval(() => Date.now() - lastFrameAt > silenceLimitMs && connection.abort(), 5_000);
    try {
      const response = await fetch(eventsUrl(filter), { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, cache: 'no-store', signal: connection.signal });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
        const code = body.error?.code ?? `HTTP_${response.status}`;
        if (response.status === 400 || response.status === 401 || response.status === 403) {
          stopped = true;
          onEvent({ kind: 'refused', status: response.status, code, message: body.error?.message ?? 'Accès refusé.' });
          return undefined;
        }
        // Turned away for now (too many screens on this account or this server, rate limited): say why, then retry.
        turnedAway = body.error?.message;
        const retryAfterS = Number(response.headers.get('retry-after'));
        return Number.isFinite(retryAfterS) && retryAfterS > 0 ? retryAfterS * 1000 : undefined;
      }
      attempt = 0;
      onEvent({ kind: 'open' });
      const parse = createSseParser((message) => {
        lastFrameAt = Date.now();
        dispatch(message);
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        lastFrameAt = Date.now();
        parse(value);
      }
      return undefined;
    } catch {
      return undefined;
    } finally {
      clearInterval(watchdog);
      closed.signal.removeEventListener('abort', abortConnection);
    }
  };

  void (async () => {
    while (!closed.signal.aborted && !stopped) {
      onEvent({ kind: 'connecting' });
      const askedDelayMs = await connectOnce();
      if (closed.signal.aborted || stopped) return;
      attempt += 1;
      const backoffMs = Math.min(30_000, 1_000 * 2 ** Math.min(attempt - 1, 5)) * (0.75 + Math.random() / 2);
      const retryInMs = Math.round(Math.max(backoffMs, askedDelayMs ?? 0));
      onEvent(turnedAway === undefined ? { kind: 'lost', retryInMs } : { kind: 'lost', retryInMs, reason: turnedAway });
      await sleep(retryInMs, closed.signal);
    }
  })();

  return {
    close() {
      closed.abort();
    },
  };
}
