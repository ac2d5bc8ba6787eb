import { afterEach, describe, expect, it } from 'vitest';
import type { NewDossierEvent } from '../../events/index.js';
import type { DossierFact } from '../../read-model/index.js';
import type { ReadModelStore } from '../index.js';

/** One place where a store keeps its data (a file, a database): each `open` is a store over that same place. */
export interface ReadModelStorage {
  /** A store over this storage, built from `sources` (what its facts were read from). */
  open(sources: string): ReadModelStore | Promise<ReadModelStore>;
}

export interface ReadModelStoreContractOptions {
  /** A fresh, empty storage for one test. */
  readonly storage: () => ReadModelStorage | Promise<ReadModelStorage>;
  /** Whether a store opened again over the same storage finds what an earlier one saved (false: kept in memory). */
  readonly durable: boolean;
}

export const readModelFact = (key: string, status: DossierFact['status'], decidedMs: number | null = null): DossierFact => ({
  key,
  system: 'ceet',
  procedure: 'CEET-RACCORDEMENT-BT',
  commune: key.endsWith('2') ? null : 'GOLFE1',
  status,
  submittedMs: Date.parse('2026-10-01T08:00:00Z'),
  decidedMs,
  updatedMs: Date.parse('2026-10-02T08:00:00Z'),
});

/** A SUBMISSION_DELIVERED event, as an outbox outcome makes it. */
export const outcomeEvent = (reference: string): NewDossierEvent => ({
  type: 'SUBMISSION_DELIVERED',
  reference,
  ownerNiu: '100000000001',
  ministry: 'ENERGY',
  system: 'ceet',
  procedure: 'CEET-RACCORDEMENT-BT',
  status: 'SUBMITTED',
  ministryStatus: null,
  previousStatus: null,
  at: '2026-10-02T08:00:00.000Z',
});

/**
 * The behaviour every ReadModelStore must have (memory, SQLite, PostgreSQL); the restart cases only where the store
 * is durable.
 */
export function describeReadModelStoreContract(name: string, { storage, durable }: ReadModelStoreContractOptions): void {
  describe(`${name}: ReadModelStore contract`, () => {
    const opened: ReadModelStore[] = [];
    const open = async (sources: string) => (await storage()).open(sources);
    const track = async (store: ReadModelStore | Promise<ReadModelStore>) => {
      const s = await store;
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('starts empty', async () => {
      const store = await track(open('ceet=http://one'));
      expect(await store.load()).toEqual({ facts: [], cursors: new Map() });
    });

    it('keeps the latest version of each dossier and each feed’s cursor', async () => {
      const store = await track(open('ceet=http://one'));
      await store.save('ceet', [readModelFact('CEET-2026-000001', 'SUBMITTED'), readModelFact('CEET-2026-000002', 'IN_PROGRESS')], 100);
      await store.save('ceet', [readModelFact('CEET-2026-000001', 'COMPLETED', 1_000)], 200);
      await store.save('rnec', [], 150);
      const loaded = await store.load();
      expect(loaded.facts.map((f) => [f.key, f.status, f.decidedMs, f.commune]).sort()).toEqual([
        ['CEET-2026-000001', 'COMPLETED', 1_000, 'GOLFE1'],
        ['CEET-2026-000002', 'IN_PROGRESS', null, null],
      ]);
      expect(loaded.cursors).toEqual(
        new Map([
          ['ceet', 200],
          ['rnec', 150],
        ]),
      );
    });

    it('gives back every field of a fact as saved, instants to the millisecond', async () => {
      const store = await track(open('ceet=http://one'));
      const fact: DossierFact = { ...readModelFact('CEET-2026-000003', 'APPROVED', Date.parse('2026-10-05T09:30:15.123Z')), updatedMs: Date.parse('2026-10-05T09:30:15.123Z') };
      await store.save('ceet', [fact], fact.updatedMs);
      expect((await store.load()).facts).toEqual([fact]);
    });

    it('keeps each outbox’s cursor with the events its outcomes made, apart from the feeds’ cursors', async () => {
      const store = await track(open('ceet=http://one'));
      expect(await store.outboxCursors()).toEqual(new Map());
      await store.saveOutcomes('ENERGY', '3', [outcomeEvent('CEET-2026-000001'), outcomeEvent('CEET-2026-000002')]);
      await store.saveOutcomes('CIVIL_REGISTRY', '0', []);
      await store.saveOutcomes('ENERGY', '5', [outcomeEvent('CEET-2026-000003')]);
      expect(await store.outboxCursors()).toEqual(
        new Map([
          ['ENERGY', '5'],
          ['CIVIL_REGISTRY', '0'],
        ]),
      );
      expect((await store.load()).cursors).toEqual(new Map());
      const { events } = await store.events.readAfter('0', 10);
      expect(events.map((e) => e.reference)).toEqual(['CEET-2026-000001', 'CEET-2026-000002', 'CEET-2026-000003']);
    });

    if (!durable) return;

    it('keeps the outboxes’ cursors across a restart, and when the legacy systems change (they are not read from them)', async () => {
      const place = await storage();
      const first = await place.open('ceet=http://one');
      await first.saveOutcomes('ENERGY', '7', [outcomeEvent('CEET-2026-000001')]);
      await first.close();
      const second = await track(place.open('ceet=http://two'));
      expect(await second.outboxCursors()).toEqual(new Map([['ENERGY', '7']]));
    });

    it('survives a restart: the same storage opened again finds the facts and cursors', async () => {
      const place = await storage();
      const first = await place.open('rnec=a ceet=b');
      await first.save('urbanisme', [readModelFact('URB-2026-000001', 'SUBMITTED')], 42);
      await first.close();
      const second = await track(place.open('rnec=a ceet=b'));
      const loaded = await second.load();
      expect(loaded.cursors.get('urbanisme')).toBe(42);
      expect(loaded.facts.map((f) => f.key)).toEqual(['URB-2026-000001']);
    });

    it('starts over when the legacy systems it was built from are not the same', async () => {
      const place = await storage();
      const first = await place.open('ceet=http://one');
      await first.save('ceet', [readModelFact('CEET-2026-000001', 'SUBMITTED')], 42);
      await first.close();
      const other = await track(place.open('ceet=http://two'));
      expect(await other.load()).toEqual({ facts: [], cursors: new Map() });
    });
  });
}
