import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AdapterError, type LegacySystem } from '../../../adapters/shared/index.js';
import { createLogger } from '../../../lib/log/index.js';
import { createReadModel, type DossierFact } from '../read-model/index.js';
import { createMemoryReadModelStore, createSqliteReadModelStore, type ReadModelStore } from '../store/index.js';
import type { ChangeFeed } from './change-feeds.js';
import { createFeedIngestor, INITIAL_SINCE } from './feed-ingestor.js';

const log = createLogger('supervision-test', 'silent');
const minutes = (n: number) => n * 60_000;
const t0 = Date.parse('2026-11-20T10:00:00Z');

const fact = (system: LegacySystem, key: string, status: DossierFact['status'], updatedMs: number): DossierFact => ({
  key,
  system,
  procedure: system === 'ceet' ? 'CEET-RACCORDEMENT-BT' : system === 'urbanisme' ? 'URB-PERMIS-CONSTRUIRE' : 'RNEC-COPIE-NAISSANCE',
  commune: 'GOLFE1',
  status,
  submittedMs: t0 - minutes(600),
  decidedMs: status === 'COMPLETED' ? updatedMs : null,
  updatedMs,
});

/** A legacy system's feed as a list of versions in time: `changedSince` answers like the simulators (inclusive). */
function fakeFeed(system: LegacySystem) {
  const versions: DossierFact[] = [];
  const calls: string[] = [];
  let failure: Error | null = null;
  const feed: ChangeFeed = {
    system,
    async changedSince(since) {
      calls.push(since);
      if (failure) throw failure;
      const latest = new Map<string, DossierFact>();
      for (const v of versions) latest.set(v.key, v);
      return [...latest.values()].filter((v) => v.updatedMs >= Date.parse(since)).map((v) => ({ fact: v, ownerNiu: `NIU-${v.key}`, ministryStatus: null }));
    },
  };
  return { feed, versions, calls, fail: (error: Error | null) => (failure = error) };
}

function setUp(store: ReadModelStore = createMemoryReadModelStore()) {
  const ceet = fakeFeed('ceet');
  const rnec = fakeFeed('rnec');
  const model = createReadModel();
  let now = t0;
  const ingestor = createFeedIngestor({ feeds: [ceet.feed, rnec.feed], store, model, pollIntervalMs: 60_000, overlapMs: minutes(1), log, clock: () => now });
  return { ceet, rnec, model, store, ingestor, advance: (ms: number) => (now += ms) };
}

describe('feed ingestor', () => {
  it('loads everything first, then reads each feed from its own cursor, minus the overlap', async () => {
    const { ceet, rnec, ingestor, model } = setUp();
    ceet.versions.push(fact('ceet', 'CEET-1', 'SUBMITTED', t0 - minutes(30)));
    rnec.versions.push(fact('rnec', 'RNEC-1', 'SUBMITTED', t0 - minutes(10)));
    await ingestor.pollAll();
    expect(ceet.calls).toEqual([INITIAL_SINCE]);
    expect(model.size).toBe(2);
    await ingestor.pollAll();
    expect(ceet.calls[1]).toBe(new Date(t0 - minutes(31)).toISOString());
    expect(rnec.calls[1]).toBe(new Date(t0 - minutes(11)).toISOString());
  });

  it('replaces a dossier that changes status twice: it is counted once, in its last status', async () => {
    const { ceet, ingestor, model } = setUp();
    ceet.versions.push(fact('ceet', 'CEET-1', 'SUBMITTED', t0));
    await ingestor.pollAll();
    ceet.versions.push(fact('ceet', 'CEET-1', 'IN_PROGRESS', t0 + minutes(5)));
    await ingestor.pollAll();
    ceet.versions.push(fact('ceet', 'CEET-1', 'COMPLETED', t0 + minutes(9)));
    await ingestor.pollAll();
    // The overlap re-reads the last version too: still once.
    await ingestor.pollAll();
    const { totals } = model.overview({}, t0 + minutes(10));
    expect(totals.total).toBe(1);
    expect(totals.byStatus).toEqual([{ status: 'COMPLETED', count: 1 }]);
  });

  it('says which systems are not loaded or failing, and keeps the others going', async () => {
    const { ceet, rnec, ingestor, model } = setUp();
    rnec.fail(new AdapterError({ code: 'BACKEND_UNAVAILABLE', system: 'rnec', operation: 'ListerDemandesModifiees', retryable: true, message: 'down' }));
    ceet.versions.push(fact('ceet', 'CEET-1', 'SUBMITTED', t0));
    await ingestor.pollAll();
    expect(ingestor.status()).toMatchObject({ initialLoadComplete: false, unavailable: ['rnec'], asOfMs: t0 });
    expect(ingestor.status().feeds.find((f) => f.system === 'rnec')?.lastFailure).toEqual({ atMs: t0, code: 'BACKEND_UNAVAILABLE' });
    expect(model.size).toBe(1);
    rnec.fail(null);
    await ingestor.pollAll();
    expect(ingestor.status()).toMatchObject({ initialLoadComplete: true, unavailable: [] });
    // RNEC's initial load was never done: it starts from the beginning, not from a cursor.
    expect(rnec.calls).toEqual([INITIAL_SINCE, INITIAL_SINCE]);
  });

  it('runs the initial loads one at a time, then polls the feeds side by side', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = (system: LegacySystem): ChangeFeed => ({
      system,
      async changedSince() {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        return [];
      },
    });
    const ingestor = createFeedIngestor({
      feeds: [slow('rnec'), slow('ceet'), slow('urbanisme')],
      store: createMemoryReadModelStore(),
      model: createReadModel(),
      pollIntervalMs: 1,
      overlapMs: 0,
      log,
    });
    await ingestor.pollAll();
    expect(most).toBe(1);
    await ingestor.pollAll();
    expect(most).toBe(3);
  });

  it('resumes from the stored cursors after a restart instead of reading everything again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-supervision-')), 'read-model.sqlite');
    const first = setUp(createSqliteReadModelStore({ path, sources: 'test' }));
    first.ceet.versions.push(fact('ceet', 'CEET-1', 'SUBMITTED', t0 - minutes(30)), fact('ceet', 'CEET-2', 'IN_PROGRESS', t0 - minutes(20)));
    await first.ingestor.pollAll();
    await first.ingestor.close();
    await first.store.close();

    const second = setUp(createSqliteReadModelStore({ path, sources: 'test' }));
    second.ceet.versions.push(...first.ceet.versions, fact('ceet', 'CEET-3', 'SUBMITTED', t0 + minutes(1)));
    await second.ingestor.start();
    await second.ingestor.pollAll();
    await second.ingestor.close();
    // CEET-1 (changed 30 minutes ago) is older than the cursor minus the overlap: only the store can have given it.
    expect(second.model.size).toBe(3);
    expect(second.ceet.calls).not.toContain(INITIAL_SINCE);
    expect(second.ceet.calls[0]).toBe(new Date(t0 - minutes(21)).toISOString());
    expect(second.ingestor.status().feeds.find((f) => f.system === 'ceet')).toMatchObject({ loaded: true, cursorMs: t0 + minutes(1) });
    await second.store.close();
  });

  // The freshness bounds count on feed reads `pollIntervalMs` apart, start to start: a read's own duration must not
  // push the next one back (it did: reads 2 s + their duration apart).
  it.each([
    [300, 0],
    [300, 120],
    [300, 299],
    [300, 450],
    [1_000, 700],
  ])('starts reads every %i ms whatever they take (%i ms), a tenth of it after one slower than that', async (intervalMs, readMs) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const starts: number[] = [];
      let first = true;
      const feed: ChangeFeed = {
        system: 'ceet',
        changedSince: async () => {
          starts.push(performance.now());
          // The initial load answers at once; the reads after it take `readMs`.
          if (!first) await new Promise((resolve) => setTimeout(resolve, readMs));
          first = false;
          return [];
        },
      };
      const ingestor = createFeedIngestor({ feeds: [feed], store: createMemoryReadModelStore(), model: createReadModel(), pollIntervalMs: intervalMs, overlapMs: 0, log });
      await ingestor.start();
      await vi.advanceTimersByTimeAsync(intervalMs * 10);
      await ingestor.close();
      const gaps = starts.slice(1).map((at, i) => at - (starts[i] ?? 0));
      expect(gaps.length).toBeGreaterThanOrEqual(5);
      for (const gap of gaps.slice(1)) expect(gap).toBeCloseTo(Math.max(intervalMs, readMs + intervalMs / 10), 0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops a poll that ends after close: nothing is written to a closed store', async () => {
    let release: () => void = () => undefined;
    const saved: string[] = [];
    const store: ReadModelStore = { ...createMemoryReadModelStore(), save: async (system) => void saved.push(system) };
    const feed: ChangeFeed = {
      system: 'ceet',
      changedSince: () => new Promise((resolve) => (release = () => resolve([{ fact: fact('ceet', 'CEET-1', 'SUBMITTED', t0), ownerNiu: 'NIU-1', ministryStatus: null }]))),
    };
    const ingestor = createFeedIngestor({ feeds: [feed], store, model: createReadModel(), pollIntervalMs: 1, overlapMs: 0, log });
    const polling = ingestor.pollAll();
    await ingestor.close();
    release();
    await polling;
    expect(saved).toEqual([]);
  });
});

describe('feed ingestor: dossier events', () => {
  const types = async (store: ReadModelStore) => (await store.events.readAfter('0', 1_000)).events.map((e) => `${e.type} ${e.reference} ${e.previousStatus ?? '-'}→${e.status} ${e.ownerNiu}`);

  it('makes none for the initial load, then one per change after it (none for the overlap read again)', async () => {
    const { ceet, rnec, ingestor, store } = setUp();
    ceet.versions.push(fact('ceet', 'CEET-1', 'SUBMITTED', t0 - minutes(30)), fact('ceet', 'CEET-2', 'IN_PROGRESS', t0 - minutes(20)));
    rnec.versions.push(fact('rnec', 'RNEC-1', 'SUBMITTED', t0 - minutes(10)));
    await ingestor.pollAll();
    expect(await types(store)).toEqual([]);
    await ingestor.pollAll();
    expect(await types(store)).toEqual([]);
    ceet.versions.push(fact('ceet', 'CEET-1', 'ACTION_REQUIRED', t0), fact('ceet', 'CEET-3', 'SUBMITTED', t0));
    rnec.versions.push(fact('rnec', 'RNEC-1', 'SUBMITTED', t0 + 1));
    await ingestor.pollAll();
    await ingestor.pollAll();
    expect(await types(store)).toEqual([
      'STATUS_CHANGED CEET-1 SUBMITTED→ACTION_REQUIRED NIU-CEET-1',
      'ACTION_REQUIRED CEET-1 SUBMITTED→ACTION_REQUIRED NIU-CEET-1',
      'CREATED CEET-3 -→SUBMITTED NIU-CEET-3',
    ]);
    const { events } = await store.events.readAfter('0', 10);
    expect(events.map((e) => e.cursor)).toEqual(['000000000001', '000000000002', '000000000003']);
  });

  it('after a restart on its store: no flood of CREATED, and the changes made while it was down are events', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-events-')), 'read-model.sqlite');
    const first = setUp(createSqliteReadModelStore({ path, sources: 's' }));
    first.ceet.versions.push(fact('ceet', 'CEET-1', 'SUBMITTED', t0 - minutes(30)), fact('ceet', 'CEET-2', 'SUBMITTED', t0 - minutes(30)));
    await first.ingestor.pollAll();
    await first.ingestor.close();
    await first.store.close();

    const store = createSqliteReadModelStore({ path, sources: 's' });
    const model = createReadModel();
    const ceet = first.ceet;
    ceet.versions.push(fact('ceet', 'CEET-2', 'REJECTED', t0));
    const again = createFeedIngestor({ feeds: [ceet.feed], store, model, pollIntervalMs: 60_000, overlapMs: minutes(1), log, clock: () => t0 });
    await again.start();
    await again.pollAll();
    await again.close();
    expect(await types(store)).toEqual(['STATUS_CHANGED CEET-2 SUBMITTED→REJECTED NIU-CEET-2']);
    await store.close();
  });

  it('a failed save makes the same events again at the next poll, never half of them', async () => {
    const inner = createMemoryReadModelStore();
    let failing = false;
    const store: ReadModelStore = {
      ...inner,
      save: async (...args) => {
        if (failing) throw new Error('disk full');
        return inner.save(...args);
      },
    };
    const { ceet, ingestor } = setUp(store);
    ceet.versions.push(fact('ceet', 'CEET-1', 'SUBMITTED', t0));
    await ingestor.pollAll();
    ceet.versions.push(fact('ceet', 'CEET-1', 'IN_PROGRESS', t0 + 1_000));
    failing = true;
    await ingestor.pollAll();
    expect(await types(inner)).toEqual([]);
    failing = false;
    await ingestor.pollAll();
    expect(await types(inner)).toEqual(['STATUS_CHANGED CEET-1 SUBMITTED→IN_PROGRESS NIU-CEET-1']);
  });
});
