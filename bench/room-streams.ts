import { createSseParser } from '../supervision-web/sse-parser.js';

/** One supervision-room screen as the bench opens it: the page's live channel, read until closed. */
export interface RoomStream {
  /** `figures` frames received so far. */
  readonly frames: number;
  /** Resolves with the next `figures` frame's data whose `supervision.totals.total` is above `total`. */
  nextTotalAbove(total: number): Promise<number>;
  /** The latest `supervision.totals.total` seen (undefined before the first frame). */
  readonly lastTotal: number | undefined;
  close(): void;
}

interface FiguresFrame {
  readonly data?: { readonly supervision?: { readonly totals?: { readonly total?: number } } };
}

/**
 * Opens `GET /supervision/events` the way the page does (fetch with the supervisor's bearer token) and parses its
 * Server-Sent Events; resolves once the first `figures` frame arrived (the room answered), rejects on a refusal.
 */
export async function openRoomStream(gatewayOrigin: string, token: string, query: string): Promise<RoomStream> {
  const controller = new AbortController();
  const response = await fetch(`${gatewayOrigin}/supervision/events${query === '' ? '' : `?${query}`}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) {
    controller.abort();
    throw new Error(`the supervision room refused a stream: HTTP ${response.status} ${await response.text().catch(() => '')}`);
  }
  let frames = 0;
  let lastTotal: number | undefined;
  const waiters: { readonly above: number; readonly resolve: (total: number) => void }[] = [];
  let firstFrame: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (firstFrame = resolve));
  const onFigures = (data: string) => {
    frames += 1;
    const total = (JSON.parse(data) as FiguresFrame).data?.supervision?.totals?.total;
    if (typeof total === 'number') {
      lastTotal = total;
      for (const waiter of waiters.splice(0))
        if (total > waiter.above) waiter.resolve(total);
        else waiters.push(waiter);
    }
    firstFrame();
  };
  // The page's own parser: the bench reads the stream exactly as a screen does.
  const parse = createSseParser(({ event, data }) => {
    if (event === 'figures') onFigures(data);
  });
  const read = async (body: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of body) parse(decoder.decode(chunk, { stream: true }));
  };
  // Ends with an abort when closed: that is the normal way out.
  read(response.body).catch(() => undefined);
  await first;
  return {
    get frames() {
      return frames;
    },
    get lastTotal() {
      return lastTotal;
    },
    nextTotalAbove: (above) => new Promise<number>((resolve) => waiters.push({ above, resolve })),
    close: () => controller.abort(),
  };
}
