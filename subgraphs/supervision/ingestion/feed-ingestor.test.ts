import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('feed reads name the owners of what is new to the reader', () => {
  /** A deterministic pseudo-random sequence (the same worlds on every run). */
  const randomFrom = (seed: number) => () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('world %i: every change names its owner once, in the first read that lists it; overlap re-reads name nobody', async (seed) => {
    const random = randomFrom(seed);
    const ceet = fakeFeed('ceet');
    const reads: { owners: readonly string[]; references: readonly string[] }[] = [];
    let now = t0;
    const ingestor = createFeedIngestor({
      feeds: [ceet.feed],
      store: createMemoryReadModelStore(),
      model: createReadModel(),
      pollIntervalMs: 60_000,
      overlapMs: minutes(1),
      log,
      clock: () => now,
      onFeedRead: (read) => reads.push({ owners: read.owners, references: read.references }),
    });
    const statuses = ['SUBMITTED', 'IN_PROGRESS', 'ACTION_REQUIRED', 'APPROVED'] as const;
    for (let key = 0; key < 5; key += 1) ceet.versions.push(fact('ceet', `CEET-${key}`, 'SUBMITTED', now - minutes(5)));
    await ingestor.pollAll();
    // Owner → how many changes made since the last read (what the next read must name).
    for (let round = 0; round < 20; round += 1) {
      const changed = new Set<string>();
      for (let key = 0; key < 5; key += 1) {
        if (random() >= 0.3) continue;
        now += 1_000;
        ceet.versions.push(fact('ceet', `CEET-${key}`, statuses[Math.floor(random() * statuses.length)] ?? 'SUBMITTED', now));
        changed.add(`NIU-CEET-${key}`);
      }
      now += 5_000 + Math.floor(random() * 20_000);
      const before = reads.length;
      await ingestor.pollAll();
      const read = reads[before];
      expect(read).toBeDefined();
      // Named: exactly the owners of dossiers changed since the last read (a status set to the same value is a change
      // too: its time moved); the overlap lists older changes again without naming their owners.
      expect(new Set(read?.owners)).toEqual(changed);
      for (const owner of changed) expect(read?.references).toContain(owner.replace('NIU-', ''));
    }
  });

  it('a reader that restarted names every owner its first read lists (it cannot tell news from re-reads)', async () => {
    const ceet = fakeFeed('ceet');
    const store = createMemoryReadModelStore();
    let now = t0;
    const reads: (readonly string[])[] = [];
    const make = () =>
      createFeedIngestor({ feeds: [ceet.feed], store, model: createReadModel(), pollIntervalMs: 60_000, overlapMs: minutes(1), log, clock: () => now, onFeedRead: (read) => reads.push(read.owners) });
    ceet.versions.push(fact('ceet', 'CEET-1', 'SUBMITTED', now - minutes(10)));
    const first = make();
    await first.pollAll();
    now += 1_000;
    ceet.versions.push(fact('ceet', 'CEET-1', 'IN_PROGRESS', now));
    now += 10_000;
    await first.pollAll();
    now += 10_000;
    await first.pollAll();
    expect(reads).toEqual([['NIU-CEET-1'], []]);
    await first.close();
    const second = make();
    const before = reads.length;
    await second.start();
    now += 10_000;
    await second.pollAll();
    // Its first read (at start or here) lists the change again within the overlap, and names its owner.
    expect(reads[before]).toEqual(['NIU-CEET-1']);
    await second.close();
  });
});
