import { isAdapterError, type LegacySystem } from '../../../adapters/shared/index.js';
import type { FeedRead } from '../../../events/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { deriveDossierEvents, outcomeDossierEvents, recordStatuses, type KnownStatuses } from '../events/index.js';
import type { ReadModel } from '../read-model/index.js';
import type { ReadModelStore } from '../store/index.js';
import type { ChangeFeed } from './change-feeds.js';
import type { OutboxOutcomeSource } from './outbox-outcome-sources.js';
import { createPauses } from './pauses.js';

/** Where the initial load starts: before any legacy record. */
export const INITIAL_SINCE = '1970-01-01T00:00:00.000Z';

export interface FeedIngestorOptions {
  readonly feeds: readonly ChangeFeed[];
  readonly store: ReadModelStore;
  readonly model: ReadModel;
  /** Between the starts of two polls of one feed (or outbox): a slow poll does not push the next one back. */
  readonly pollIntervalMs: number;
  /** How far before its cursor each poll reads again: the feeds' precision (RNEC: the minute) and late commits. */
  readonly overlapMs: number;
  readonly log: Logger;
  /** Default `Date.now`. */
  readonly clock?: () => number;
  /**
   * Every dossier's status as last saved, what each poll's changes are compared with to make dossier events; filled
   * from the store's facts at start. Passed in by a replica that keeps it up to date while it follows. Default: new.
   */
  readonly known?: KnownStatuses;
  /** Called after a poll whose events were saved (in-process wake-up of the event stream). */
  readonly onEvents?: (count: number) => void;
  /**
   * Called after each saved poll of a change feed but the initial load (which lists a whole system): what the poll
   * read, so that a ministry subgraph can prove the dossiers it holds unchanged (docs/events.md, "Feed reads").
   */
  readonly onFeedRead?: (read: FeedRead) => void;
  /**
   * The ministry subgraphs' outboxes, read as feeds of outcomes on the same timer as the change feeds: each outcome
   * makes a SUBMISSION_DELIVERED or SUBMISSION_REJECTED event, saved with the outbox's cursor. Default none.
   */
  readonly outboxes?: readonly OutboxOutcomeSource[];
  /** Outcomes asked for per request (a poll reads pages until a short one). Default 200. */
  readonly outboxPageLimit?: number;
}

export interface FeedState {
  readonly system: LegacySystem;
  /** The initial load is done, in this process or an earlier one. */
  readonly loaded: boolean;
  /** The latest change instant read (the legacy system's clock). */
  readonly cursorMs: number | null;
  /** When the last successful poll started: every change the system had made by then is in the model. */
  readonly lastSuccessMs: number | null;
  readonly lastFailure: { readonly atMs: number; readonly code: string } | null;
}

export interface IngestionStatus {
  readonly feeds: readonly FeedState[];
  readonly initialLoadComplete: boolean;
  /** When the model last ingested a feed (the latest successful poll), what ages are measured at; null before any. */
  readonly asOfMs: number | null;
  /** Systems not loaded yet, or whose last poll failed. */
  readonly unavailable: readonly LegacySystem[];
}

export interface FeedIngestor {
  /** Puts what the store kept into the model, then polls every feed on its own timer until closed. */
  start(): Promise<void>;
  /** One poll of every feed, now (what the timers run; tests call it directly). */
  pollAll(): Promise<void>;
  status(): IngestionStatus;
  /** Stops polling; a poll still in flight is dropped, never written to a closed store. */
  close(): Promise<void>;
}

type MutableFeedState = { -readonly [K in keyof FeedState]: FeedState[K] };

/**
 * Reads the change feeds incrementally into the read model and its store. Each system has its own cursor and
 * loop, so a slow or failing system delays none of the others. Initial loads run one at a time: each is a whole
 * legacy system in one answer (no feed paginates), and one at a time bounds the memory they take.
 */
export function createFeedIngestor(options: FeedIngestorOptions): FeedIngestor {
  const { feeds, store, model, pollIntervalMs, overlapMs, log, clock = Date.now, onEvents, onFeedRead } = options;
  const known: KnownStatuses = options.known ?? new Map();
  const states = new Map<LegacySystem, MutableFeedState>(feeds.map((f) => [f.system, { system: f.system, loaded: false, cursorMs: null, lastSuccessMs: null, lastFailure: null }]));
  const { outboxes = [], outboxPageLimit = 200 } = options;
  // Per outbox: the cursor saved (null until the first poll, which starts at its head) and whether it is failing.
  const outboxStates = new Map(outboxes.map((o) => [o.ministry, { cursor: null as string | null, failing: false, polling: Promise.resolve() }]));
  const pauses = createPauses();
  let closed = false;
  let initialLoads: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const run = initialLoads.then(task, task);
    initialLoads = run.catch(() => undefined);
    return run;
  };

  const poll = async (feed: ChangeFeed): Promise<void> => {
    const state = states.get(feed.system) as MutableFeedState;
    const startedMs = clock();
    const initial = state.cursorMs === null;
    const since = initial ? INITIAL_SINCE : new Date(Math.max(0, (state.cursorMs ?? 0) - overlapMs)).toISOString();
    // An initial load's own duration, not counting its wait for the others.
    let loadStartedMs = startedMs;
    const read = () => {
      loadStartedMs = clock();
      return feed.changedSince(since);
    };
    try {
      const changes = await (initial ? oneAtATime(read) : read());
      if (closed) return;
      const facts = changes.map((change) => change.fact);
      let cursorMs = state.cursorMs ?? 0;
      for (const fact of facts) if (fact.updatedMs > cursorMs) cursorMs = fact.updatedMs;
      // The initial load is the state of the world, not news: only what changes after it makes events.
      const events = initial ? [] : deriveDossierEvents(changes, known);
      await store.save(feed.system, facts, cursorMs, events);
      recordStatuses(known, changes);
      if (events.length > 0) onEvents?.(events.length);
      // After the save: whoever the read reaches may already see its events in the log.
      if (!initial)
        onFeedRead?.({ system: feed.system, sinceMs: Date.parse(since), readMs: startedMs, references: facts.map((fact) => fact.key), owners: [...new Set(changes.map((change) => change.ownerNiu))] });
      const { changed, ignored } = model.apply(facts);
      if (initial) log.info({ system: feed.system, dossiers: facts.length, ignored, durationMs: clock() - loadStartedMs }, 'change feed: initial load done');
      else if (changed > 0) log.debug({ system: feed.system, changed }, 'change feed: dossiers changed');
      if (state.lastFailure) log.info({ system: feed.system }, 'change feed: reachable again');
      Object.assign(state, { loaded: true, cursorMs, lastSuccessMs: startedMs, lastFailure: null });
    } catch (error) {
      if (closed) return;
      const code = isAdapterError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
      // Once per outage, not every poll.
      if (!state.lastFailure) log.warn({ system: feed.system, code, err: isAdapterError(error) ? undefined : error }, 'change feed: poll failed');
      state.lastFailure = { atMs: clock(), code };
    }
  };

  /**
   * One poll of one outbox: its outcomes after the saved cursor, page by page, each page's events saved with the
   * page's cursor in one transaction (a failed save reads the same page again; a saved one is never read twice).
   * The first poll ever starts at the outbox's head: outcomes from before the supervision read it are not news.
   */
  const pollOutbox = (source: OutboxOutcomeSource): Promise<void> => {
    const state = outboxStates.get(source.ministry);
    if (!state) return Promise.resolve();
    // One poll of an outbox at a time (its timer and a `pollAll`): two would read the same page and save it twice.
    state.polling = state.polling.then(() => pollOutboxNow(source, state));
    return state.polling;
  };
  const pollOutboxNow = async (source: OutboxOutcomeSource, state: { cursor: string | null; failing: boolean }): Promise<void> => {
    try {
      if (state.cursor === null) {
        const { next } = await source.read(null, 1);
        if (closed) return;
        await store.saveOutcomes(source.ministry, next, []);
        state.cursor = next;
        log.info({ ministry: source.ministry, cursor: next }, 'outbox outcomes: reading from the head');
      }
      for (;;) {
        const page = await source.read(state.cursor, outboxPageLimit);
        if (closed) return;
        if (page.outcomes.length === 0) {
          // `next` below the cursor: this is not the outbox the cursor came from (a new file or database).
          if (page.next !== state.cursor && BigInt(page.next) < BigInt(state.cursor)) {
            await store.saveOutcomes(source.ministry, page.next, []);
            log.warn({ ministry: source.ministry, cursor: state.cursor, head: page.next }, 'outbox outcomes: cursor beyond the outbox head (a new outbox?), reading from its head');
            state.cursor = page.next;
          }
          break;
        }
        const events = outcomeDossierEvents(page.outcomes, known);
        await store.saveOutcomes(source.ministry, page.next, events);
        state.cursor = page.next;
        onEvents?.(events.length);
        if (page.outcomes.length < outboxPageLimit) break;
      }
      if (state.failing) log.info({ ministry: source.ministry }, 'outbox outcomes: reachable again');
      state.failing = false;
    } catch (error) {
      if (closed) return;
      // Once per outage, not every poll.
      if (!state.failing) log.warn({ ministry: source.ministry, url: source.url, err: error }, 'outbox outcomes: poll failed');
      state.failing = true;
    }
  };

  // Reads start every `pollIntervalMs` (fixed rate, real time like the timers), not that long after the last one
  // ended: the freshness bounds (`…_MAX_AGE_MS` = the interval + 1 s) count on feed reads that far apart, a read's own
  // duration included. A read slower than the interval is followed by the next after a tenth of it: still one read at
  // a time per source.
  const atFixedRate = async (read: () => Promise<void>) => {
    while (!closed) {
      const startedMs = performance.now();
      await read();
      await pauses.pause(Math.max(pollIntervalMs / 10, pollIntervalMs - (performance.now() - startedMs)));
    }
  };
  const loop = (feed: ChangeFeed) => atFixedRate(() => poll(feed));
  const outboxLoop = (source: OutboxOutcomeSource) => atFixedRate(() => pollOutbox(source));

  return {
    async start() {
      const stored = await store.load();
      model.apply(stored.facts);
      for (const fact of stored.facts) known.set(fact.key, fact.status);
      for (const [system, cursorMs] of stored.cursors) {
        const state = states.get(system);
        if (state) Object.assign(state, { loaded: true, cursorMs });
      }
      log.info({ dossiers: model.size, resumed: [...stored.cursors.keys()] }, 'read model loaded from its store');
      if (outboxes.length > 0) {
        const cursors = await store.outboxCursors();
        for (const [ministry, state] of outboxStates) state.cursor = cursors.get(ministry) ?? null;
      }
      for (const feed of feeds) void loop(feed);
      for (const source of outboxes) void outboxLoop(source);
    },
    async pollAll() {
      await Promise.all([...feeds.map(poll), ...outboxes.map(pollOutbox)]);
    },
    status() {
      const list = [...states.values()].map((s) => ({ ...s }));
      const instants = list.map((s) => s.lastSuccessMs ?? s.cursorMs).filter((t): t is number => t !== null);
      return {
        feeds: list,
        initialLoadComplete: list.every((s) => s.loaded),
        asOfMs: instants.length > 0 ? Math.max(...instants) : null,
        unavailable: list.filter((s) => !s.loaded || s.lastFailure !== null).map((s) => s.system),
      };
    },
    async close() {
      closed = true;
      pauses.cancelAll();
    },
  };
}
