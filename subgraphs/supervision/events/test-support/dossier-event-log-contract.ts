import { afterEach, describe, expect, it } from 'vitest';
import { dossierEventSchema } from '../../../../events/index.js';
import type { ReadModelStore } from '../../store/index.js';
import type { NewDossierEvent } from '../new-dossier-event.js';

export interface DossierEventLogContractOptions {
  /** A fresh, empty store for one test. */
  readonly open: () => ReadModelStore | Promise<ReadModelStore>;
}

/** An event as a poll makes it; `n` tells them apart. */
export const newDossierEvent = (n: number, type: NewDossierEvent['type'] = 'STATUS_CHANGED'): NewDossierEvent => ({
  type,
  reference: `CEET-2026-${String(n).padStart(6, '0')}`,
  ownerNiu: `NIU${String(n).padStart(7, '0')}`,
  ministry: 'ENERGY',
  system: 'ceet',
  procedure: 'CEET-RACCORDEMENT-BT',
  status: 'IN_PROGRESS',
  ministryStatus: 'VISITE PROGRAMMEE',
  previousStatus: type === 'CREATED' ? null : 'SUBMITTED',
  at: new Date(Date.UTC(2026, 10, 20, 10, 0, n)).toISOString(),
});

const fact = { key: 'CEET-2026-000001', system: 'ceet', procedure: 'CEET-RACCORDEMENT-BT', commune: null, status: 'IN_PROGRESS', submittedMs: 0, decidedMs: null, updatedMs: 1 } as const;

/** The behaviour every store's event log must have (memory, SQLite, PostgreSQL). */
export function describeDossierEventLogContract(name: string, { open }: DossierEventLogContractOptions): void {
  describe(`${name}: DossierEventLog contract`, () => {
    const opened: ReadModelStore[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    const append = (store: ReadModelStore, from: number, count: number) =>
      store.save(
        'ceet',
        [fact],
        1,
        Array.from({ length: count }, (_, i) => newDossierEvent(from + i)),
      );
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('starts empty at cursor 000000000000', async () => {
      const store = await fresh();
      expect(await store.events.head()).toBe('000000000000');
      expect(await store.events.readAfter('000000000000', 10)).toEqual({ events: [], reset: null });
    });

    it('numbers the events in the order they were saved, with zero-padded monotonic cursors, and reads them back whole', async () => {
      const store = await fresh();
      await append(store, 1, 3);
      await store.save('ceet', [fact], 2);
      await append(store, 4, 2);
      const { events, reset } = await store.events.readAfter('0', 100);
      expect(reset).toBeNull();
      expect(events.map((e) => e.cursor)).toEqual(['000000000001', '000000000002', '000000000003', '000000000004', '000000000005']);
      expect(events.map((e) => e.reference)).toEqual([1, 2, 3, 4, 5].map((n) => newDossierEvent(n).reference));
      for (const [i, event] of events.entries()) {
        expect(dossierEventSchema.parse(event)).toEqual(event);
        expect(event).toEqual({ cursor: event.cursor, ...newDossierEvent(i + 1) });
      }
      expect(await store.events.head()).toBe('000000000005');
    });

    it('reads after a cursor (exclusive), a page at a time, padding or not', async () => {
      const store = await fresh();
      await append(store, 1, 7);
      const page = async (after: string, limit: number) => (await store.events.readAfter(after, limit)).events.map((e) => e.cursor);
      expect(await page('000000000002', 3)).toEqual(['000000000003', '000000000004', '000000000005']);
      expect(await page('5', 3)).toEqual(['000000000006', '000000000007']);
      expect(await page('7', 3)).toEqual([]);
    });

    it('prunes a prefix by append time; a reader behind it is reset to the oldest retained, a reader within it is not', async () => {
      const store = await fresh();
      await append(store, 1, 3);
      const between = Date.now() + 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      await append(store, 4, 2);
      expect(await store.events.prune(between)).toBe(3);
      expect(await store.events.prune(between)).toBe(0);
      const behind = await store.events.readAfter('000000000001', 10);
      expect(behind.reset).toEqual({ oldest: '000000000004' });
      expect(behind.events.map((e) => e.cursor)).toEqual(['000000000004', '000000000005']);
      const atEdge = await store.events.readAfter('000000000003', 10);
      expect(atEdge).toEqual({ events: behind.events, reset: null });
      expect(await store.events.head()).toBe('000000000005');
    });

    it('once everything is pruned, keeps numbering after the last cursor and still tells a late reader', async () => {
      const store = await fresh();
      await append(store, 1, 2);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await store.events.prune(Date.now())).toBe(2);
      expect(await store.events.head()).toBe('000000000002');
      expect(await store.events.readAfter('000000000002', 10)).toEqual({ events: [], reset: null });
      expect(await store.events.readAfter('000000000000', 10)).toEqual({ events: [], reset: { oldest: '000000000002' } });
      await append(store, 3, 1);
      expect((await store.events.readAfter('000000000002', 10)).events.map((e) => e.cursor)).toEqual(['000000000003']);
    });

    it('resets a cursor from beyond its head (another log), to the oldest retained', async () => {
      const store = await fresh();
      await append(store, 1, 2);
      const page = await store.events.readAfter('000000000999', 10);
      expect(page.reset).toEqual({ oldest: '000000000001' });
      expect(page.events.map((e) => e.cursor)).toEqual(['000000000001', '000000000002']);
    });

    it('refuses what is not a cursor', async () => {
      const store = await fresh();
      await expect(store.events.readAfter('abc', 10)).rejects.toThrow(/cursor/);
    });
  });
}
