import type { LegacySystem } from '../../../adapters/shared/index.js';
import type { FeedRead } from '../../../events/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { createFeedIngestor, createPauses, type ChangeFeed, type FeedIngestor, type FeedState, type IngestionStatus, type OutboxOutcomeSource } from '../ingestion/index.js';
import type { KnownStatuses } from '../events/index.js';
import type { ReadModel } from '../read-model/index.js';
import type { PostgresReadModelStore, ReadModelStore, StoredFeed } from '../store/index.js';
import type { LeaderLease } from './postgres-leader-lease.js';

export interface SupervisionReplicaOptions {
  readonly feeds: readonly ChangeFeed[];
  /** The ministry subgraphs' outboxes, read for their outcomes by the leader only. Default none. */
  readonly outboxes?: readonly OutboxOutcomeSource[];
  /** Opened with `leaseHolder: lease.holder`, so that its saves are fenced by the lease. */
  readonly store: PostgresReadModelStore;
  readonly lease: LeaderLease;
  readonly model: ReadModel;
  /** Lease duration: a dead leader is replaced within about `leaseMs * 4 / 3`. */
  readonly leaseMs: number;
  readonly pollIntervalMs: number;
  readonly overlapMs: number;
  readonly log: Logger;
  /** How often a replica that does not lead reads what the leader saved. Default `pollIntervalMs`. */
  readonly refreshMs?: number;
  /**
   * A feed the leader has not saved a poll of for this long shows as unavailable on a replica that does not lead
   * (its system failing, or no leader). Default `leaseMs + 3 * pollIntervalMs`.
   */
  readonly staleAfterMs?: number;
  /** Default `Date.now`. */
  readonly clock?: () => number;
  /** Called after a poll whose dossier events were saved, while this replica leads. */
  readonly onEvents?: (count: number) => void;
  /** Called after each saved feed poll, while this replica leads (see FeedIngestorOptions.onFeedRead). */
  readonly onFeedRead?: (read: FeedRead) => void;
}

export interface SupervisionReplica {
  /** Loads the shared read model, then takes part in the election (at once) and follows or ingests until closed. */
  start(): Promise<void>;
  /** Whether this replica ingests now. */
  leading(): boolean;
  status(): IngestionStatus;
  /** Reads what the leader saved since the last reload (what the follower's timer runs; tests call it). */
  refresh(): Promise<void>;
  /** Stops ingesting or following and gives the lease up. */
  close(): Promise<void>;
}

/**
 * One replica of the supervision subgraph over the shared PostgreSQL read model. Every replica serves reads from
 * its model; exactly one — the lease's holder — polls the change feeds and saves them, the others reload what it
 * saved (the facts whose revision is newer than their last reload). A new leader first catches up with the store,
 * then resumes every feed from its stored cursor: no feed is read again from the start, and a fact is keyed by its
 * dossier, so none is lost or counted twice.
 */
export function createSupervisionReplica(options: SupervisionReplicaOptions): SupervisionReplica {
  const { feeds, store, lease, model, leaseMs, pollIntervalMs, overlapMs, log, clock = Date.now } = options;
  const refreshMs = options.refreshMs ?? pollIntervalMs;
  const staleAfterMs = options.staleAfterMs ?? leaseMs + 3 * pollIntervalMs;
  const renewMs = Math.max(1, Math.floor(leaseMs / 3));
  const pauses = createPauses();
  let closed = false;
  let revision = 0;
  let stored: ReadonlyMap<LegacySystem, StoredFeed> = new Map();
  let ingestor: FeedIngestor | null = null;
  // Every dossier's status as saved: a new leader compares its first polls with it, so it makes no event twice.
  const known: KnownStatuses = new Map();
  /** Local deadline of the lease: past it without a renewal, this replica stops ingesting (its saves are refused anyway). */
  let leadingUntil = 0;
  // Election steps and reloads never overlap: a takeover's catch-up and a follower's reload share `revision`.
  let serial: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const run = serial.then(task, task);
    serial = run.catch(() => undefined);
    return run;
  };

  const reload = async () => {
    const changes = await store.changesSince(revision);
    model.apply(changes.facts);
    for (const fact of changes.facts) known.set(fact.key, fact.status);
    revision = changes.revision;
    stored = changes.feeds;
    return changes.facts.length;
  };

  const stepDown = async (reason: string) => {
    const current = ingestor;
    ingestor = null;
    leadingUntil = 0;
    if (current === null) return;
    await current.close();
    log.warn({ holder: lease.holder, reason }, 'supervision: no longer the ingesting leader');
  };

  const takeOver = async (term: number) => {
    await reload();
    // The store's facts are in the model already: the ingestor only needs the cursors to resume from.
    const cursors = new Map([...stored].map(([system, feed]) => [system, feed.cursorMs]));
    const resumed: ReadModelStore = {
      load: async () => ({ facts: [], cursors }),
      save: (system, facts, cursorMs, events) => store.save(system, facts, cursorMs, events),
      saveOutcomes: (source, cursor, events) => store.saveOutcomes(source, cursor, events),
      outboxCursors: () => store.outboxCursors(),
      events: store.events,
      close: async () => {},
    };
    const next = createFeedIngestor({
      feeds,
      outboxes: options.outboxes ?? [],
      store: resumed,
      model,
      pollIntervalMs,
      overlapMs,
      log,
      clock,
      known,
      ...(options.onEvents ? { onEvents: options.onEvents } : {}),
      ...(options.onFeedRead ? { onFeedRead: options.onFeedRead } : {}),
    });
    ingestor = next;
    await next.start();
    log.info({ holder: lease.holder, term, resumed: [...cursors.keys()], dossiers: model.size }, 'supervision: ingesting leader');
  };

  const elect = () =>
    oneAtATime(async () => {
      if (closed) return;
      const startedMs = clock();
      let term: number | null;
      try {
        term = await lease.acquireOrRenew();
      } catch (error) {
        // The database is unreachable: keep ingesting until the lease would have expired (saves fail meanwhile).
        if (ingestor !== null && clock() >= leadingUntil) await stepDown(`lease not renewed: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (term === null) return stepDown('lease held by another replica');
      leadingUntil = startedMs + leaseMs;
      if (ingestor !== null || closed) return;
      try {
        await takeOver(term);
      } catch (error) {
        log.warn({ err: error }, 'supervision: takeover failed, giving the lease up');
        await stepDown('takeover failed');
        await lease.release().catch(() => undefined);
      }
    });

  const follow = () =>
    oneAtATime(async () => {
      if (closed || ingestor !== null) return;
      try {
        await reload();
      } catch {
        // Recorded by the store's health; the figures stay as of the last reload, and the next one retries.
      }
    });

  const loop = async (step: () => Promise<void>, everyMs: number) => {
    while (!closed) {
      await pauses.pause(everyMs);
      if (!closed) await step();
    }
  };

  const followerStatus = (): IngestionStatus => {
    const now = clock();
    const list: FeedState[] = feeds.map(({ system }) => {
      const feed = stored.get(system);
      const stale = feed === undefined || now - feed.savedAtMs > staleAfterMs;
      return {
        system,
        loaded: feed !== undefined,
        cursorMs: feed?.cursorMs ?? null,
        lastSuccessMs: feed?.savedAtMs ?? null,
        lastFailure: feed !== undefined && stale ? { atMs: feed.savedAtMs + staleAfterMs, code: 'BACKEND_UNAVAILABLE' } : null,
      };
    });
    const instants = list.map((s) => s.lastSuccessMs).filter((t): t is number => t !== null);
    return {
      feeds: list,
      initialLoadComplete: list.every((s) => s.loaded),
      asOfMs: instants.length > 0 ? Math.max(...instants) : null,
      unavailable: list.filter((s) => !s.loaded || s.lastFailure !== null).map((s) => s.system),
    };
  };

  return {
    async start() {
      const loaded = await oneAtATime(reload);
      log.info({ dossiers: model.size, facts: loaded, revision, resumed: [...stored.keys()] }, 'read model loaded from the shared store');
      await elect();
      void loop(elect, renewMs);
      void loop(follow, refreshMs);
    },
    leading: () => ingestor !== null,
    status: () => ingestor?.status() ?? followerStatus(),
    refresh: follow,
    async close() {
      closed = true;
      pauses.cancelAll();
      await serial;
      const wasLeading = ingestor !== null;
      await stepDown('closing');
      if (wasLeading) await lease.release().catch(() => undefined);
    },
  };
}
