import { createParser } from 'eventsource-parser';
import { INTERNAL_TOKEN_HEADER } from '../auth/index.js';
import { dossierEventSchema, type DossierEvent } from './dossier-event.js';
import { FEED_READ_EVENT, feedReadSchema, type FeedRead } from './feed-read.js';

export interface DossierEventStreamOptions {
  /** `<supervision origin>/internal/dossier-events`. */
  readonly url: string;
  readonly internalToken: string;
  /** Resume after this cursor (`Last-Event-ID`); undefined: only new events. */
  readonly after: string | undefined;
  readonly signal: AbortSignal;
  /** Awaited before the next event is handed over: a slow consumer slows the reading (and the stream's sender). */
  readonly onEvent: (event: DossierEvent) => void | Promise<void>;
  /** The cursor asked for is older than the supervision subgraph keeps: events between were lost. */
  readonly onReset: (oldest: string) => void;
  /** Anything received, heartbeats included: the connection is alive. */
  readonly onActivity: () => void;
  /** A `data:` that does not parse: logged, skipped (one bad event must not stop every subscriber's stream). */
  readonly onMalformed: (reason: string) => void;
  /** A change feed was read (only sent when the URL asks, `?feedReads=1`); in order with the events. */
  readonly onFeedRead?: (read: FeedRead) => void;
}

/** Thrown when the stream answers other than 200 text/event-stream. */
export class DossierEventStreamRefusedError extends Error {
  constructor(readonly status: number) {
    super(`dossier event stream answered HTTP ${status}`);
  }
}

/** Reads one connection of the internal dossier-event stream until it ends, fails or `signal` aborts. */
export async function readDossierEventStream({ url, internalToken, after, signal, onEvent, onReset, onActivity, onMalformed, onFeedRead }: DossierEventStreamOptions): Promise<void> {
  const headers: Record<string, string> = { accept: 'text/event-stream', [INTERNAL_TOKEN_HEADER]: internalToken };
  if (after !== undefined) headers['last-event-id'] = after;
  const response = await fetch(url, { headers, signal });
  if (response.status !== 200 || response.body === null || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await response.body?.cancel().catch(() => undefined);
    throw new DossierEventStreamRefusedError(response.status);
  }
  // The parser calls back synchronously while a chunk is fed; the events are handed over after, one at a time.
  const parsed: Array<{ readonly event: DossierEvent } | { readonly oldest: string } | { readonly feedRead: FeedRead }> = [];
  const parser = createParser({
    onComment: onActivity,
    onEvent(message) {
      onActivity();
      if (message.event === 'reset') {
        const oldest = parseOldest(message.data);
        if (oldest === undefined) onMalformed('reset without oldest');
        else parsed.push({ oldest });
        return;
      }
      if (message.event === FEED_READ_EVENT) {
        const read = feedReadSchema.safeParse(parseJson(message.data));
        if (read.success) parsed.push({ feedRead: read.data });
        else onMalformed('feed read does not parse');
        return;
      }
      if (message.event !== undefined && message.event !== 'dossier') return;
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        onMalformed('data is not JSON');
        return;
      }
      const event = dossierEventSchema.safeParse(json);
      if (event.success) parsed.push({ event: event.data });
      else onMalformed(event.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    for (const item of parsed.splice(0)) {
      if ('event' in item) await onEvent(item.event);
      else if ('feedRead' in item) onFeedRead?.(item.feedRead);
      else onReset(item.oldest);
    }
  }
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function parseOldest(data: string): string | undefined {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'oldest' in value && typeof value.oldest === 'string') return value.oldest;
  } catch {
    // falls through
  }
  return undefined;
}
