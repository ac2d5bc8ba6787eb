import type { Logger } from '../../lib/log/index.js';

export interface SupergraphPollOptions {
  /** An http(s) URL (checked by the configuration). */
  readonly url: string;
  readonly intervalMs: number;
  /** One poll's whole exchange, headers and body. Default: 10 s, or the interval if shorter. */
  readonly timeoutMs?: number;
  /** Largest supergraph accepted. Default 20 MB (ours is about 50 kB). */
  readonly maxBytes?: number;
  readonly log: Logger;
}

export interface SupergraphPoller {
  /** Polls at once, without If-None-Match (SIGHUP: fetch it whatever the cache says). */
  pollNow(): void;
  close(): void;
}

const defaultMaxBytes = 20_000_000;

/**
 * Fetches the supergraph from `url` now and every `intervalMs` (never two polls at once), with the last ETag in
 * If-None-Match so that an unchanged registry answers 304 with no body. Calls `onSupergraph` with each new text;
 * a failed poll is logged and the next one tries again.
 */
export function pollSupergraphUrl(options: SupergraphPollOptions, onSupergraph: (sdl: string) => void): SupergraphPoller {
  const { url, intervalMs, log } = options;
  const timeoutMs = options.timeoutMs ?? Math.min(10_000, intervalMs);
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  let etag: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let again = false;
  let closed = false;

  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(poll, intervalMs);
    timer.unref();
  };

  const poll = () => {
    if (closed) return;
    if (polling) {
      again = true;
      return;
    }
    polling = true;
    fetchSupergraph(url, etag, timeoutMs, maxBytes)
      .then(
        (answer) => {
          if (answer === undefined) return;
          etag = answer.etag;
          onSupergraph(answer.sdl);
        },
        (error: unknown) => log.warn({ url, reason: error instanceof Error ? error.message : String(error) }, 'supergraph poll failed; still serving the current one'),
      )
      .finally(() => {
        polling = false;
        if (again) {
          again = false;
          poll();
        } else schedule();
      });
  };

  poll();
  return {
    pollNow() {
      etag = undefined;
      poll();
    },
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}

/** The supergraph and its ETag, or undefined when the server answered 304 (unchanged). */
async function fetchSupergraph(url: string, etag: string | undefined, timeoutMs: number, maxBytes: number): Promise<{ sdl: string; etag: string | undefined } | undefined> {
  const response = await fetch(url, {
    headers: { accept: 'text/plain, application/graphql, */*', ...(etag === undefined ? {} : { 'if-none-match': etag }) },
    signal: AbortSignal.timeout(timeoutMs),
    // A redirect elsewhere is an operator's mistake more often than a design: say so rather than follow it.
    redirect: 'error',
  });
  if (response.status === 304) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`supergraph of ${declared} bytes, more than ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body !== null) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new Error(`supergraph larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  }
  return { sdl: Buffer.concat(chunks).toString('utf8'), etag: response.headers.get('etag') ?? undefined };
}
