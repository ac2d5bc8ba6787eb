import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../events/index.js';
import { createLogger } from '../../../lib/log/index.js';
import type { OutboxOutcomeItem } from '../../shared/index.js';
import { createReadModel } from '../read-model/index.js';
import { createMemoryReadModelStore, createSqliteReadModelStore, type ReadModelStore } from '../store/index.js';
import type { ChangeFeed } from './change-feeds.js';
import { createFeedIngestor } from './feed-ingestor.js';
import type { OutboxOutcomeSource } from './outbox-outcome-sources.js';

const log = createLogger('supervision-test', 'silent');
const dir = mkdtempSync(join(tmpdir(), 'outbox-outcomes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A ministry subgraph's outcomes route, in memory: the outcomes in order, numbered from 1, paged like the route. */
function fakeOutbox() {
  const outcomes: OutboxOutcomeItem[] = [];
  const reads: (string | null)[] = [];
  let failure: Error | null = null;
  let n = 0;
  const source: OutboxOutcomeSource = {
    ministry: 'ENERGY',
    url: 'http://electricity.test/internal/outbox-outcomes',
    async read(after, limit) {
      reads.push(after);
      if (failure) throw failure;
      const head = String(outcomes.length);
      if (after === null) return { outcomes: [], next: head };
      const page = outcomes.filter((o) => Number(o.cursor) > Number(after)).slice(0, limit);
      return { outcomes: page, next: page.at(-1)?.cursor ?? String(Math.min(Number(after), outcomes.length)) };
    },
  };
  /** One more outcome: delivered as `CEET-2026-…`, or rejected (its Guichet reference). */
  const end = (outcome: 'DELIVERED' | 'REJECTED', reference?: string) => {
    n += 1;
    const submissionReference = `GCH-${String(n).padStart(20, '0')}`;
    outcomes.push({
      cursor: String(outcomes.length + 1),
      reference: reference ?? (outcome === 'DELIVERED' ? `CEET-2026-${String(n).padStart(6, '0')}` : submissionReference),
      submissionReference,
      ownerNiu: `10000000000${n % 10}`,
      ministry: 'ENERGY',
      system: 'ceet',
      procedure: 'CEET-RACCORDEMENT-BT',
      outcome,
      at: new Date(Date.UTC(2026, 11, 6, 4, 0, n)).toISOString(),
      ...(outcome === 'REJECTED' ? { reason: 'Quartier inconnu.' } : {}),
    });
    return outcomes.at(-1) as OutboxOutcomeItem;
  };
  return { source, outcomes, reads, end, fail: (error: Error | null) => (failure = error), reset: () => outcomes.splice(0) };
}

function setUp(store: ReadModelStore, outbox = fakeOutbox(), feeds: readonly ChangeFeed[] = [], outboxPageLimit = 2) {
  const ingestor = createFeedIngestor({ feeds, store, model: createReadModel(), pollIntervalMs: 3_600_000, overlapMs: 0, log, outboxes: [outbox.source], outboxPageLimit });
  return { outbox, store, ingestor };
}

const allEvents = async (store: ReadModelStore): Promise<readonly DossierEvent[]> => (await store.events.readAfter('0', 1_000)).events;

describe('outbox outcomes → dossier events', () => {
  it('starts at the outbox head: outcomes from before are not news, later ones are events', async () => {
    const { outbox, store, ingestor } = setUp(createMemoryReadModelStore());
    outbox.end('DELIVERED');
    outbox.end('REJECTED');
    await ingestor.pollAll();
    expect(await allEvents(store)).toEqual([]);
    expect(await store.outboxCursors()).toEqual(new Map([['ENERGY', '2']]));

    const delivered = outbox.end('DELIVERED');
    const rejected = outbox.end('REJECTED');
    await ingestor.pollAll();
    const events = await allEvents(store);
    expect(events.map(({ cursor: _cursor, ...event }) => event)).toEqual([
      {
        type: 'SUBMISSION_DELIVERED',
        reference: delivered.reference,
        ownerNiu: delivered.ownerNiu,
        ministry: 'ENERGY',
        system: 'ceet',
        procedure: 'CEET-RACCORDEMENT-BT',
        status: 'SUBMITTED',
        ministryStatus: null,
        previousStatus: null,
        at: delivered.at,
      },
      {
        type: 'SUBMISSION_REJECTED',
        reference: rejected.submissionReference,
        ownerNiu: rejected.ownerNiu,
        ministry: 'ENERGY',
        system: 'ceet',
        procedure: 'CEET-RACCORDEMENT-BT',
        status: 'REJECTED',
        ministryStatus: null,
        previousStatus: null,
        at: rejected.at,
      },
    ]);
    expect(await store.outboxCursors()).toEqual(new Map([['ENERGY', '4']]));
    await ingestor.pollAll();
    expect(await allEvents(store)).toHaveLength(2);
    await ingestor.close();
  });

  it('gives a delivered dossier the status its change feed already reported', async () => {
    const feed: ChangeFeed = {
      system: 'ceet',
      changedSince: async () => [
        {
          fact: { key: 'CEET-2026-000777', system: 'ceet', procedure: 'CEET-RACCORDEMENT-BT', commune: null, status: 'IN_PROGRESS', submittedMs: 0, decidedMs: null, updatedMs: 1 },
          ownerNiu: '100000000007',
          ministryStatus: 'En étude',
        },
      ],
    };
    const { outbox, store, ingestor } = setUp(createMemoryReadModelStore(), fakeOutbox(), [feed]);
    await ingestor.pollAll();
    outbox.end('DELIVERED', 'CEET-2026-000777');
    await ingestor.pollAll();
    expect(await allEvents(store)).toMatchObject([{ type: 'SUBMISSION_DELIVERED', reference: 'CEET-2026-000777', status: 'IN_PROGRESS', previousStatus: null }]);
  });

  it('reads every page in one poll, in order, whatever the page size', async () => {
    for (const limit of [1, 2, 3, 50]) {
      const { outbox, store, ingestor } = setUp(createMemoryReadModelStore(), fakeOutbox(), [], limit);
      await ingestor.pollAll();
      const made = Array.from({ length: 7 }, (_, i) => outbox.end(i % 3 === 0 ? 'REJECTED' : 'DELIVERED'));
      await ingestor.pollAll();
      expect((await allEvents(store)).map((e) => e.reference)).toEqual(made.map((o) => o.reference));
      expect(await store.outboxCursors()).toEqual(new Map([['ENERGY', '7']]));
    }
  });

  it('resumes from the saved cursor after a restart: the outcomes made meanwhile once, none again', async () => {
    const path = join(dir, 'restart.sqlite');
    const outbox = fakeOutbox();
    const first = setUp(createSqliteReadModelStore({ path, sources: 'test' }), outbox);
    await first.ingestor.start();
    await first.ingestor.pollAll();
    outbox.end('DELIVERED');
    await first.ingestor.pollAll();
    await first.ingestor.close();
    await first.store.close();

    const whileDown = [outbox.end('REJECTED'), outbox.end('DELIVERED')];
    const second = setUp(createSqliteReadModelStore({ path, sources: 'test' }), outbox);
    await second.ingestor.start();
    await second.ingestor.pollAll();
    const events = await allEvents(second.store);
    expect(events.map((e) => e.type)).toEqual(['SUBMISSION_DELIVERED', 'SUBMISSION_REJECTED', 'SUBMISSION_DELIVERED']);
    expect(events.slice(1).map((e) => e.reference)).toEqual(whileDown.map((o) => o.reference));
    // It never went back to the head: the cursor was read from the store.
    expect(outbox.reads.filter((after) => after === null)).toHaveLength(1);
    await second.ingestor.close();
    await second.store.close();
  });

  it('makes the events of a page whose save failed again at the next poll, and never twice', async () => {
    const inner = createMemoryReadModelStore();
    let failSaves = 0;
    const store: ReadModelStore = {
      ...inner,
      events: inner.events,
      saveOutcomes: async (source, cursor, events) => {
        if (failSaves > 0) {
          failSaves -= 1;
          throw new Error('disk full');
        }
        return inner.saveOutcomes(source, cursor, events);
      },
    };
    const { outbox, ingestor } = setUp(store);
    await ingestor.pollAll();
    const made = [outbox.end('DELIVERED'), outbox.end('DELIVERED'), outbox.end('REJECTED')];
    failSaves = 1;
    await ingestor.pollAll();
    expect(await allEvents(inner)).toEqual([]);
    await ingestor.pollAll();
    await ingestor.pollAll();
    expect((await allEvents(inner)).map((e) => e.reference)).toEqual(made.map((o) => o.reference));
  });

  it('keeps its cursor while the subgraph is unreachable, then catches up', async () => {
    const { outbox, store, ingestor } = setUp(createMemoryReadModelStore());
    await ingestor.pollAll();
    outbox.fail(new Error('connect ECONNREFUSED'));
    const made = outbox.end('DELIVERED');
    await ingestor.pollAll();
    expect(await allEvents(store)).toEqual([]);
    outbox.fail(null);
    await ingestor.pollAll();
    expect((await allEvents(store)).map((e) => e.reference)).toEqual([made.reference]);
  });

  it('a subgraph that has not answered yet is read from its head once it does', async () => {
    const outbox = fakeOutbox();
    outbox.fail(new Error('connect ECONNREFUSED'));
    const { store, ingestor } = setUp(createMemoryReadModelStore(), outbox);
    await ingestor.pollAll();
    expect(await store.outboxCursors()).toEqual(new Map());
    outbox.fail(null);
    outbox.end('DELIVERED');
    await ingestor.pollAll();
    expect(await store.outboxCursors()).toEqual(new Map([['ENERGY', '1']]));
    expect(await allEvents(store)).toEqual([]);
  });

  it('starts over at the head of an outbox that is not the one its cursor came from', async () => {
    const { outbox, store, ingestor } = setUp(createMemoryReadModelStore());
    await ingestor.pollAll();
    outbox.end('DELIVERED');
    outbox.end('DELIVERED');
    outbox.end('DELIVERED');
    await ingestor.pollAll();
    expect(await allEvents(store)).toHaveLength(3);
    // A new outbox (its file deleted): numbering starts again.
    outbox.reset();
    outbox.end('REJECTED');
    await ingestor.pollAll();
    expect(await store.outboxCursors()).toEqual(new Map([['ENERGY', '1']]));
    const next = outbox.end('DELIVERED');
    await ingestor.pollAll();
    expect((await allEvents(store)).map((e) => e.reference).at(-1)).toBe(next.reference);
    expect(await allEvents(store)).toHaveLength(4);
  });
});
