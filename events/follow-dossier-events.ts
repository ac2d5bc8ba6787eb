import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../lib/log/index.js';
import type { DossierEvent } from './dossier-event.js';
import type { FeedRead } from './feed-read.js';
import { readDossierEventStream } from './read-dossier-event-stream.js';

export interface FollowDossierEventsOptions {
  /** `<supervision origin>/internal/dossier-events`. */
  readonly url: string;
  /** A fresh internal token for each connection. */
  readonly internalToken: () => Promise<string>;
  /** Where each connection resumes (`Last-Event-ID`): the last event the follower has safely taken; undefined: new events only. */
  readonly after: () => string | undefined;
  /** Awaited: a rejection drops the connection, and the next one resumes from `after()` (nothing taken twice, nothing skipped). */
  readonly onEvent: (event: DossierEvent) => void | Promise<void>;
  /** The cursor asked for is older than the supervision subgraph keeps: the events between are lost. */
  readonly onReset: (oldest: string) => void;
  /** A change feed was read (the URL must ask for them: `?feedReads=1`). */
  readonly onFeedRead?: (read: FeedRead) => void;
  /** Connected (true, at the first byte of a connection) or not (false, when one ends). */
  readonly onConnection?: (connected: boolean) => void;
  /** No byte (event or heartbeat) for this long: the connection is dead, reconnect. */
  readonly idleTimeoutMs: number;
  /** First wait before reconnecting; doubles up to `maxReconnectDelayMs`. */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  readonly signal: AbortSignal;
  readonly log: Logger;
}

/**
 * Follows the supervision subgraph's dossier-event stream until `signal` aborts: one connection at a time, each
 * resumed from `after()`, reconnected with a doubling delay when it fails, ends or goes silent. The one reading loop
 * of the gateways' event hub and the webhooks' fan-out.
 */
export async function followDossierEvents({
  url,
  internalToken,
  after,
  onEvent,
  onReset,
  onConnection = () => undefined,
  onFeedRead,
  idleTimeoutMs,
  reconnectDelayMs = 250,
  maxReconnectDelayMs = 10_000,
  signal,
  log,
}: FollowDossierEventsOptions): Promise<void> {
  let delay = reconnectDelayMs;
  let failing = false;
  while (!signal.aborted) {
    const attempt = new AbortController();
    const abort = () => attempt.abort();
    signal.addEventListener('abort', abort);
    let idle: NodeJS.Timeout | undefined;
    let connected = false;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => attempt.abort(), idleTimeoutMs);
      if (connected) return;
      connected = true;
      delay = reconnectDelayMs;
      if (failing) log.info({ url }, 'dossier event stream reconnected');
      failing = false;
      onConnection(true);
    };
    try {
      await readDossierEventStream({
        url,
        internalToken: await internalToken(),
        after: after(),
        signal: attempt.signal,
        onActivity: touch,
        onEvent: async (event) => {
          // An event being handled keeps the connection alive, however long the handling takes.
          clearTimeout(idle);
          await onEvent(event);
          touch();
        },
        onReset,
        ...(onFeedRead ? { onFeedRead } : {}),
        onMalformed: (reason) => log.warn({ url, reason }, 'dossier event skipped: malformed'),
      });
    } catch (error) {
      if (!failing && !signal.aborted) log.warn({ url, err: error }, 'dossier event stream unavailable; reconnecting');
      failing = true;
    } finally {
      clearTimeout(idle);
      signal.removeEventListener('abort', abort);
      if (connected) onConnection(false);
    }
    if (signal.aborted) break;
    await sleep(delay, undefined, { signal }).catch(() => undefined);
    delay = Math.min(delay * 2, maxReconnectDelayMs);
  }
}
