import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FeedRead } from '../../events/index.js';
import type { Logger } from '../../lib/log/index.js';
import { createPgPool } from '../../lib/postgres/index.js';
import { createStoreHealth, type StoreHealth } from '../../lib/store-health/index.js';
import type { SupervisionConfig } from './config.js';
import type { DossierEventLog } from './events/index.js';
import { createFeedIngestor, createHttpOutboxOutcomeSource, type IngestionStatus } from './ingestion/index.js';
import type { ReadModel } from './read-model/index.js';
import { createPostgresFeedReadRelay, createPostgresLeaderLease, createSupervisionReplica, type FeedReadRelay, type SupervisionReplica } from './replication/index.js';
import { createSqliteReadModelStore, openPostgresReadModelStore, trackedReadModelStore } from './store/index.js';

/** The read model's ingestion as the rest of the subgraph sees it, whichever the store. */
export interface RunningIngestion {
  status(): IngestionStatus;
  /** Whether this process polls the change feeds (always, with SQLite; the lease's holder only, with PostgreSQL). */
  leading(): boolean;
  /** The read model store's reachability. */
  readonly store: StoreHealth;
  /** The dossier events the leader appends with each poll (every replica reads them). */
  readonly events: DossierEventLog;
  close(): Promise<void>;
}

/** While its store is unreachable the subgraph serves the figures it holds, as of their last update. */
const whileDown = 'stale-reads';

/**
 * Fills `model` and keeps it fresh. `DATABASE_URL` set: the shared PostgreSQL read model (migrations applied here),
 * this replica ingesting only while it holds the leader's lease. Otherwise this process alone, on its SQLite file.
 */
export async function startIngestion(config: SupervisionConfig, model: ReadModel, log: Logger, onEvents?: (count: number) => void, onFeedRead?: (read: FeedRead) => void): Promise<RunningIngestion> {
  const eventHooks = { ...(onEvents ? { onEvents } : {}), ...(onFeedRead ? { onFeedRead } : {}) };
  const sources = config.feeds.map((feed) => `${feed.system}=${feed.source}`).join(' ');
  const feeds = config.feeds.map((feed) => feed.open());
  // Each ministry subgraph's outbox outcomes, polled (by the leader only) on the feeds' timer.
  const outboxes = config.outboxes.map((outbox) => createHttpOutboxOutcomeSource({ ...outbox, internalTokenSecret: config.server.INTERNAL_TOKEN_SECRET, timeoutMs: config.outboxTimeoutMs }));
  const onChange = (status: { up: boolean; lastError: string | null }) =>
    status.up ? log.info('supervision read model store: reachable again') : log.warn({ error: status.lastError }, 'supervision read model store: unreachable');
  if (config.database === null) {
    const health = createStoreHealth({ store: 'supervision-read-model', engine: 'sqlite', whileDown, onChange });
    const store = trackedReadModelStore(createSqliteReadModelStore({ path: config.storePath, sources }), health);
    const ingestor = createFeedIngestor({ feeds, outboxes, store, model, pollIntervalMs: config.pollIntervalMs, overlapMs: config.overlapMs, log, ...eventHooks });
    try {
      await ingestor.start();
    } catch (error) {
      await ingestor.close();
      await store.close();
      throw error;
    }
    return {
      status: () => ingestor.status(),
      leading: () => true,
      store: health,
      events: store.events,
      async close() {
        await ingestor.close();
        await store.close();
      },
    };
  }
  const { url, poolMax, leaseMs } = config.database;
  const pool = createPgPool({ url, applicationName: 'guichet-supervision', max: poolMax, onError: (error) => log.warn({ err: error }, 'supervision read model: idle connection lost') });
  // Unique per process: a restarted replica is a new holder, never mistaken for the one it replaces.
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const health = createStoreHealth({ store: 'supervision-read-model', engine: 'postgres', whileDown, onChange });
  try {
    const store = await openPostgresReadModelStore({ pool, sources, leaseHolder: holder, health });
    const lease = createPostgresLeaderLease({ pool, holder, leaseMs, health });
    // Only the leader reads the feeds: it relays each read to the replicas that follow it, which hand it to their own
    // streams' readers (a ministry replica's stream may land on any replica). Its own come back to it: ignored.
    let replica: SupervisionReplica | undefined;
    const relay: FeedReadRelay | undefined = onFeedRead ? createPostgresFeedReadRelay({ pool, log, onRead: (read) => replica !== undefined && !replica.leading() && onFeedRead(read) }) : undefined;
    const relayed = relay
      ? {
          onFeedRead: (read: FeedRead) => {
            onFeedRead?.(read);
            relay.publish(read).catch((error: unknown) => log.warn({ err: error }, 'feed read relay: not published (the followers prove less until the next one)'));
          },
        }
      : {};
    replica = createSupervisionReplica({ feeds, outboxes, store, lease, model, leaseMs, pollIntervalMs: config.pollIntervalMs, overlapMs: config.overlapMs, log, ...eventHooks, ...relayed });
    try {
      await replica.start();
    } catch (error) {
      await relay?.close();
      throw error;
    }
    const started = replica;
    log.info({ holder, leading: started.leading(), leaseMs }, 'supervision read model: shared in PostgreSQL');
    return {
      status: () => started.status(),
      leading: () => started.leading(),
      store: health,
      events: store.events,
      async close() {
        await started.close();
        await relay?.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
