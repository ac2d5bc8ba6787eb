import type { IncomingMessage, ServerResponse } from 'node:http';
import { FEED_READ_EVENT, FEED_READS_PARAMETER, isCursor, type DossierEvent, type FeedRead } from '../../../events/index.js';
import { sendJson, type RouteHandler } from '../../../lib/http/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { errorMessages } from '../../../schema/index.js';
import type { DossierEventLog } from './dossier-event-log.js';
import type { FeedReadBroadcast } from './feed-read-broadcast.js';
import { createWakeups, type Wakeups } from './wakeups.js';

export interface DossierEventStreamOptions {
  readonly log: DossierEventLog;
  /** The gateway's internal token, as on `/graphql`: anything it rejects gets 401. */
  readonly authenticate: (req: IncomingMessage) => Promise<unknown>;
  readonly logger: Logger;
  /** A comment line this often, so that proxies and the reader see the connection alive. */
  readonly heartbeatMs: number;
  /** Concurrent streams served; one more gets 503 (the readers are gateway processes: a few each). */
  readonly maxStreams: number;
  /** Bytes a connection may have queued unsent: past them, writing stops until the reader has taken them. */
  readonly maxBufferedBytes: number;
  /** How long a full buffer may wait for its reader; past it the reader is too slow and is closed (it resumes by cursor). */
  readonly stallMs: number;
  /** How often the log's head is checked while streams are open: what another replica appends shows this late at most. */
  readonly pollMs: number;
  /** Events read from the log at once. Default 500. */
  readonly pageSize?: number;
  /** In-process wake-ups (the leader's own appends); default: polling only. */
  readonly wakeups?: Wakeups;
  /** This process's feed reads (it ingests), sent to the connections that ask (`?feedReads=1`); default none. */
  readonly feedReads?: FeedReadBroadcast;
}

export interface DossierEventStream {
  /** `GET /internal/dossier-events`. */
  readonly handler: RouteHandler;
  /** Streams open now. */
  open(): number;
  /** Ends every stream (each reader resumes elsewhere by its last cursor) and refuses new ones. */
  close(): Promise<void>;
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  connection: 'keep-alive',
  // nginx and the like: do not hold events back in a buffer.
  'x-accel-buffering': 'no',
};

const dossierFrame = (event: DossierEvent) => `id: ${event.cursor}\nevent: dossier\ndata: ${JSON.stringify(event)}\n\n`;
// No `id:`: a feed read is not in the log, and must not move the reader's Last-Event-ID.
const feedReadFrame = (read: FeedRead) => `event: ${FEED_READ_EVENT}\ndata: ${JSON.stringify(read)}\n\n`;

/**
 * The internal dossier-event stream (Server-Sent Events) the gateways read: each connection reads the event log from
 * its cursor (`Last-Event-ID`, else `?after=`, else the head: new events only) and sleeps until the log grows — woken
 * in-process by the leader's appends, or by a check of the log's head every `pollMs` (another replica's appends).
 * Reading the log by cursor, never a shared in-memory queue, is what makes resumption exact: no gap, no duplicate.
 */
export function createDossierEventStream(options: DossierEventStreamOptions): DossierEventStream {
  const { log, logger, heartbeatMs, maxStreams, maxBufferedBytes, stallMs, pollMs, pageSize = 500 } = options;
  const wakeups = createWakeups();
  options.wakeups?.next().then(function relay() {
    wakeups.wake();
    if (!closed) void options.wakeups?.next().then(relay);
  });
  const streams = new Set<ServerResponse>();
  let closed = false;
  let poller: NodeJS.Timeout | null = null;
  let lastHead: string | null = null;

  // One head check for every connection; only while some are open.
  const startPolling = () => {
    if (poller !== null) return;
    poller = setInterval(() => {
      log.head().then(
        (head) => {
          if (head !== lastHead) {
            lastHead = head;
            wakeups.wake();
          }
        },
        () => undefined, // the store's health records it; the next check retries
      );
    }, pollMs);
    poller.unref();
  };
  const stopPollingIfIdle = () => {
    if (streams.size > 0 || poller === null) return;
    clearInterval(poller);
    poller = null;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    try {
      await options.authenticate(req);
    } catch (error) {
      logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'dossier events: stream refused, not from the gateway');
      return sendJson(res, 401, { errors: [{ message: errorMessages.UNAUTHENTICATED, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer', 'cache-control': 'no-store' });
    }
    const header = req.headers['last-event-id'];
    const asked = (typeof header === 'string' && header.trim() !== '' ? header.trim() : null) ?? url.searchParams.get('after');
    if (asked !== null && !isCursor(asked)) return sendJson(res, 400, { error: 'Last-Event-ID or ?after= must be a cursor (decimal digits)' }, { 'cache-control': 'no-store' });
    if (closed) return sendJson(res, 503, { error: 'shutting down' }, { 'retry-after': '1', 'cache-control': 'no-store' });
    if (streams.size >= maxStreams) {
      logger.warn({ maxStreams }, 'dossier events: stream refused, too many open');
      return sendJson(res, 503, { error: `too many dossier-event streams (at most ${maxStreams})` }, { 'retry-after': '5', 'cache-control': 'no-store' });
    }
    // The place is taken before anything is awaited, so that concurrent requests cannot exceed the cap.
    streams.add(res);
    let cursor: string;
    try {
      cursor = asked ?? (await log.head());
    } catch (error) {
      streams.delete(res);
      throw error;
    }
    startPolling();
    let ended = false;
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    const wantsFeedReads = ['1', 'true'].includes(url.searchParams.get(FEED_READS_PARAMETER) ?? '');
    // Written as they happen, beside the events. Dropped when the reader is behind: a missed feed read only proves
    // less (each read states its whole interval), so it is never worth holding the reader's memory for.
    const unsubscribe = wantsFeedReads && options.feedReads ? options.feedReads.subscribe((read) => ended || res.writableLength > maxBufferedBytes || res.write(feedReadFrame(read))) : () => false;
    const end = () => {
      if (ended) return;
      ended = true;
      unsubscribe();
      clearInterval(heartbeat);
      streams.delete(res);
      stopPollingIfIdle();
      wakeups.wake();
    };
    res.on('close', end);
    res.writeHead(200, SSE_HEADERS);
    // The reader's reconnection delay; and a first line, so that the headers leave at once.
    res.write('retry: 1000\n\n');
    while (!ended && !closed) {
      const woken = wakeups.next();
      let page: Awaited<ReturnType<DossierEventLog['readAfter']>>;
      try {
        page = await log.readAfter(cursor, pageSize);
      } catch (error) {
        logger.warn({ err: error }, 'dossier events: the log could not be read, retrying');
        let retry: NodeJS.Timeout | undefined;
        await Promise.race([woken, new Promise((resolve) => (retry = setTimeout(resolve, pollMs)))]);
        clearTimeout(retry);
        continue;
      }
      if (ended) break;
      if (page.reset) {
        logger.info({ asked: cursor, oldest: page.reset.oldest }, 'dossier events: cursor outside the retained log, reset');
        res.write(`event: reset\ndata: ${JSON.stringify(page.reset)}\n\n`);
      }
      let full = false;
      for (const event of page.events) {
        res.write(dossierFrame(event));
        cursor = event.cursor;
        // The bound: the rest of the page is read again from the cursor once the reader has caught up.
        if (res.writableLength > maxBufferedBytes) {
          full = true;
          break;
        }
      }
      if (full) {
        if (!(await drained(res, stallMs))) {
          logger.warn({ buffered: res.writableLength, cursor, stallMs }, 'dossier events: reader too slow, stream closed (it resumes from its cursor)');
          res.destroy();
          break;
        }
        continue;
      }
      // A full page: more may be waiting at once; otherwise sleep until the log grows.
      if (page.events.length < pageSize) await woken;
    }
    end();
    if (!res.destroyed && !res.writableEnded) res.end();
  };

  return {
    handler: (req, res, url) => serve(req, res, url),
    open: () => streams.size,
    async close() {
      closed = true;
      if (poller !== null) clearInterval(poller);
      poller = null;
      const open = [...streams];
      wakeups.wake();
      for (const res of open) if (!res.writableEnded) res.end();
    },
  };
}

/** Whether `res` drained its buffer within `timeoutMs` (false also if it closed meanwhile). */
function drained(res: ServerResponse, timeoutMs: number): Promise<boolean> {
  if (res.writableLength === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (outcome: boolean) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(outcome);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
