import { setTimeout as sleep } from 'node:timers/promises';
import { feedReadSchema, type FeedRead } from '../../../events/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { withTransaction, type PgClient, type PgPool } from '../../../lib/postgres/index.js';

/** The channel every replica of the supervision subgraph listens on. */
export const FEED_READS_CHANNEL = 'guichet_feed_reads';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more: each stays under this. */
const MAX_PAYLOAD_BYTES = 7_500;

export interface FeedReadRelay {
  /** The leader's feed read, to every replica (itself included): resolves once committed. */
  publish(read: FeedRead): Promise<void>;
  close(): Promise<void>;
}

export interface PostgresFeedReadRelayOptions {
  readonly pool: PgPool;
  /** Each feed read a replica (any, this one included) published, in order. */
  readonly onRead: (read: FeedRead) => void;
  readonly log: Logger;
  /** First wait before listening again after the connection failed; doubles up to 10 s. Default 250 ms. */
  readonly reconnectDelayMs?: number;
}

/**
 * Feed reads from the ingesting leader to the replicas that follow it, over PostgreSQL's LISTEN/NOTIFY: a ministry
 * replica whose dossier-event stream lands on a follower then receives the same feed reads as one on the leader.
 * Delivery is at most once (a replica that was not listening misses what was sent meanwhile), which the freshness
 * rule allows: a missed feed read only proves less. pg has no reconnecting listener, hence the loop here.
 */
export function createPostgresFeedReadRelay({ pool, onRead, log, reconnectDelayMs = 250 }: PostgresFeedReadRelayOptions): FeedReadRelay {
  let closed = false;
  let listener: PgClient | null = null;
  let wake: (() => void) | null = null;
  const listening = (async () => {
    let delay = reconnectDelayMs;
    while (!closed) {
      let client: PgClient | undefined;
      try {
        client = await pool.connect();
        listener = client;
        const ended = new Promise<void>((resolve) => {
          wake = resolve;
          client?.on('error', () => resolve());
          client?.on('end', () => resolve());
        });
        client.on('notification', (message) => {
          if (message.channel !== FEED_READS_CHANNEL || message.payload === undefined) return;
          const parsed = feedReadSchema.safeParse(JSON.parse(message.payload));
          if (parsed.success) onRead(parsed.data);
          else log.warn({ reason: parsed.error.message }, 'feed read relay: malformed notification skipped');
        });
        await client.query(`LISTEN ${FEED_READS_CHANNEL}`);
        delay = reconnectDelayMs;
        await ended;
      } catch (error) {
        if (!closed) log.warn({ err: error }, 'feed read relay: not listening, retrying');
      } finally {
        listener = null;
        // A listening connection is never handed to another caller: it is closed.
        client?.release(true);
      }
      if (closed) break;
      await sleep(delay);
      delay = Math.min(delay * 2, 10_000);
    }
  })();
  return {
    async publish(read) {
      // One transaction: its notifications arrive together and in order (the prefix parts before the whole interval).
      await withTransaction(pool, async (client) => {
        for (const part of splitFeedRead(read, MAX_PAYLOAD_BYTES)) await client.query('SELECT pg_notify($1, $2)', [FEED_READS_CHANNEL, JSON.stringify(part)]);
      });
    },
    async close() {
      closed = true;
      await listener?.query(`UNLISTEN ${FEED_READS_CHANNEL}`).catch(() => undefined);
      wake?.();
      await listening;
    },
  };
}

/**
 * A feed read as parts whose JSON stays under `maxBytes`. Every part is a feed read that holds on its own: the first
 * ones name some of the references and owners over the empty interval `(sinceMs, sinceMs]` (they prove nothing, only
 * drop what they name), the last names the rest over the whole interval. Applied in order they do what the whole read
 * does.
 */
export function splitFeedRead(read: FeedRead, maxBytes: number): FeedRead[] {
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
  if (bytes(read) <= maxBytes) return [read];
  const parts: FeedRead[] = [];
  let references: string[] = [];
  let owners: string[] = [];
  const empty = bytes({ ...read, readMs: Math.max(read.sinceMs, read.readMs), references: [], owners: [] });
  let size = empty;
  const items = [...read.references.map((value) => ({ value, owner: false })), ...read.owners.map((value) => ({ value, owner: true }))];
  for (const { value, owner } of items) {
    const added = bytes(value) + 1;
    if (references.length + owners.length > 0 && size + added > maxBytes) {
      parts.push({ ...read, readMs: read.sinceMs, references, owners });
      references = [];
      owners = [];
      size = empty;
    }
    (owner ? owners : references).push(value);
    size += added;
  }
  parts.push({ ...read, references, owners });
  return parts;
}
